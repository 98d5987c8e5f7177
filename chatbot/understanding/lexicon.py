"""Word lists understanding works with: cues, negators, fillers, ordinals, languages, countries."""

from __future__ import annotations

import re

from chatbot.locales import COUNTRY_WORDS, LANGUAGE_WORDS

TITLE_CUTOFF = 83.0  # rapidfuzz ratio (0..100) a typed title needs to match a catalogue title
TOKEN_RE = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
PRONOUNS = ("it", "that", "this", "them", "those", "these")
# words that take a '.' without ending the sentence ('Dr. Strangelove', 'Mr. Holland's Opus')
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "prof", "gen", "lt", "sgt", "capt"]
    # ('Monsters, Inc. and Up were great', 'Kill Bill Vol. 1')
    + ["inc", "vol", "ltd", "co"]
)
CLAUSE_BREAK = {".", "!", "?", ";", ",", "but", "however", "although", "though", "whereas", "yet"}
# chat laughter ends a thought: 'a feel good movie lol he cant take that'
CLAUSE_BREAK |= {"lol", "lmao", "lmfao", "haha", "hahaha", "rofl"}
LIST_GLUE = {"and", "or", "nor", "also", "the", "a", "an", "too", "as", "well", "&", "plus"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# verbs whose object is what the user wants to watch ('I want dinosaurs', 'show me westerns')
# chat abbreviations: never read as a film's initials ('afk' is no Ae Fond Kiss)
CHAT_ABBREVIATIONS = _words(
    "afk brb gtg lmk hbu wyd tbf idc ikr fml afaik iirc btw omw ily tldr ttyl jk pov aka diy "
    "faq rofl lmao lmfao wtf wth ffs nvm fwiw ftw goat tba tbd ppl rly irl ngl imo imho smh "
    "tbh idk omg lol fr rn istg ong fomo yolo ty np pls plz thx asap bff bf gf dm pm ootd "
    "hmu icymi tmi tfw mfw nsfw sfw ama eli5 til psa"
)
REQUEST_VERBS = _words(
    "want like love prefer need fancy show give find recommend suggest watch see get enjoy try "
    "adore crave have hate dislike avoid skip"
)


# how a user may say they are ('hungover on a sunday', 'exhausted after work, something easy'):
# never a topic unless a film noun or 'about' governs it ('a movie about a drunk pilot')
USER_CONDITIONS = _words(
    "hungover hangover hung jetlagged jet-lagged exhausted knackered wiped sleepy drowsy "
    "shattered stressed stressy burnt burned frazzled drained sore ill feverish sniffly "
    "tipsy drunk buzzed stoned heartbroken lonely homesick stuck stranded snowed asleep awake "
    "sleepless insomniac tired bored freezing cranky grumpy"
)
RELATIVE_PRONOUNS = _words("which that who")
# what may stand between a relative pronoun and the user's verdict on its title ('heat, which
# i honestly thought was great')
RELATIVE_FILLER = _words(
    "i we i'd i've we've was is were 's honestly really absolutely totally just kinda kind of "
    "pretty so very actually still also thought found think find felt it tbh imo lowkey "
    "genuinely seriously"
)


# pleasantries: after some picks they get a short answer and no new picks. 'sure', 'yeah' and
# 'yep' are not among them: they say yes to the picks on the table, which keeps the topic
SMALL_TALK = _words(
    "thanks thank you ty ok okay cool great nice awesome bye goodbye cheers hi hello hey lol haha "
    "perfect wow fine good got it oh ah hmm um uh hola yo sup hiya howdy greetings"
)
# what is said around a greeting ('hi there!', 'good evening', 'hey, how are you?')
GREETING_WORDS = _words(
    "there morning evening afternoon day everyone everybody folks all friend bot how are you "
    "doing going it's what's whats up"
)
# asking what the system is for ('what can you do?', 'how does this work?'): answered with a
# short guide, nothing stored; the words of these phrases count as small talk around them
HELP_QUESTIONS = re.compile(
    r"\bwhat (?:can|do|could) you do\b|\bhow (?:does|do) (?:this|it|you) work\b|"
    r"\bhow (?:do|can|should) (?:i|we) use (?:this|it|you)\b|\bwhat (?:is|are) (?:this|you)\b|"
    r"\bwho are you\b|\bwhat (?:can|should) i (?:ask|say|type)\b|\bhow (?:can|do) you help\b|"
    r"^\W*help\W*$"
)
HELP_WORDS = _words(
    "what can could do does how this it work works you i we use should is are who ask say type help"
)
THANKS_WORDS = _words("thanks thank ty thx cheers appreciate appreciated")
# what is said around thanks ("thank you so much", "cheers mate, that's perfect")
COURTESY_WORDS = _words(
    "you so much a lot lots mate man dude buddy bro guys that's it's it is this sweet lovely "
    "perfect great awesome amazing brilliant very really the best helpful for help your again "
    "all ok okay cool nice wonderful fantastic excellent super heaps tons kind of"
)
# emoji -> the words they stand for, read like those words ('👎' after picks is a 'no')
EMOJI = {
    "👍": " yes ",
    "👎": " no ",
    "👌": " good ",
    "🙏": " thanks ",
    "🙅": " no ",  # the no gesture
    "😱": " scary ",
    "😂": " funny ",
    "🤣": " funny ",
    # '😭' is not here: in chat it says the user is overwhelmed ('so good 😭', 'im bored 😭'),
    # no wish for sad films; like other pictographs it separates what stands around it
}
# praise or scorn after each title of a list ('goodfellas 🔥 casino 🔥 heat 🔥'): separators
# like commas, the verdict said once at the last of them
VERDICT_EMOJI = {
    "❤️": "amazing",
    "❤": "amazing",
    "😍": "amazing",
    "🥰": "amazing",
    "🤮": "awful",
    "🤢": "awful",
    "😐": "meh",
    "🔥": "great",
    "💯": "great",
    "🙌": "great",
    "👏": "great",
    "🤩": "great",
    "⭐": "great",
    "😴": "boring",
    "🥱": "boring",
    "🙄": "meh",
    "💩": "bad",
    # a tick or a cross after each title of a list ('#Zootopia ✅ #Cars2 ❌')
    "✅": "good",
    "✔": "good",
    "☑": "good",
    "❌": "bad",
    "✖": "bad",
    "😬": "meh",
    "💔": "disappointing",
}
# a verdict emoji opening a clause, before what it is said of ('😍 la la land', '🤮 musicals'):
# the verdict said as a verb
VERDICT_VERBS = {"amazing": "loved", "great": "loved", "good": "liked", "awful": "hated"}
VERDICT_VERBS |= {"bad": "didn't like", "boring": "didn't like", "meh": "didn't like"}
VERDICT_VERBS |= {"disappointing": "didn't like"}


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """'not for me|no thanks' -> token tuples, longest first ('not for me' before 'not'); a
    phrase with a "n't" also as typed without the apostrophe ("wasn't my thing": 'wasnt my
    thing')."""
    said = [p for p in text.split("|") if p.strip()]
    said += [p.replace("n't", "nt") for p in said if "n't" in p]
    phrases = dict.fromkeys(tuple(p.split()) for p in said)
    return tuple(sorted(phrases, key=len, reverse=True))


def _table(text: str) -> dict[str, str]:
    """'french=fr|south korea=KR' -> {'french': 'fr', 'south korea': 'KR'}."""
    pairs = (p.split("=") for p in text.split("|") if p.strip())
    return {k.strip(): v.strip() for k, v in pairs}


def _aliases(text: str) -> dict[str, list[str]]:
    """'funny|funnier = comedy, komödie; ...' -> {'funny': ['comedy', 'komödie'], ...}."""
    out: dict[str, list[str]] = {}
    for rule in filter(str.strip, text.split(";")):
        names, targets = rule.split("=")
        for name in names.split("|"):
            out[name.strip()] = [t.strip() for t in targets.split(",")]
    return out


NEGATORS = _words(
    "not no never don't dont didn't didnt doesn't doesnt isn't wasn't aren't won't can't cannot "
    "haven't havent hasn't hadn't weren't couldn't wouldn't shouldn't mustn't needn't "
    # typed without the apostrophe on a phone ('it wasnt good', 'i cant stand horror')
    "isnt wasnt arent werent wont cant hasnt hadnt couldnt wouldnt shouldnt mustnt neednt "
    "nothing without neither nor less avoid except none hardly nobody zero"
)
# a complaint that a negator right before it turns into praise, said of what follows or of
# the film before ("can't go wrong with Pixar", 'no complaints about Drive', 'Heat never
# disappoints', 'nothing wrong with it', "I don't regret watching Heat", "couldn't stop laughing
# at Airplane!", 'not a dull moment'): litotes. Extreme words negated are lukewarm instead ("I
# didn't hate it": watched, no verdict), and 'not bad' is in POSITIVE_CUES
NEGATED_COMPLAINTS = _phrases(
    "go wrong|went wrong|gone wrong|going wrong|wrong with|complaint|complaints|complain|"
    "complaining|fault|faults|fault it|flaw|flaws|disappoint|disappoints|disappointed|"
    "let me down|lets me down|let us down|lets us down|fail|fails|failed|dull moment|"
    "regret|regrets|regretted|stop laughing|stop smiling|stop grinning|stop watching|"
    "stop rewatching|stop quoting|stop thinking about|get old|gets old|got old|get tired of|"
    "gets tired|tire of|tired of|look away|bad word|weak spot|weak link|miss a beat|"
    "misses a beat|missed a beat|put a foot wrong|puts a foot wrong|wasted minute|wasted second|"
    "bore me|bores me|bored me|bore us|bored us|bores|a bore|bored by|drags|dragged|"
    "get boring|gets boring|got boring|get dull|gets dull|dull moments|change a thing|"
    "change anything"
)
# the words a NEGATED_COMPLAINTS phrase may sit after its negator ("can't find a single flaw",
# 'never ever disappoints', "wouldn't change a thing")
NEGATED_COMPLAINT_FILLERS = _words(
    "a an one single ever really any at all to have be been find found i we it you me us that "
    "this so much honestly"
)
CRITIQUE_MARK = "critq"  # stands in for 'too recent' and the like once they are read
SEEN_CUES = _phrases(
    "already seen|already watched|already saw|seen|saw|watched|have seen|i've seen|"
    # 'I know Jaws by heart': seen many times; 'Dead Man I know already'
    "know by heart|i know already|know already|i already know it|i know it already|"
    "i know them already|i know those already|"
    # 'we sat through Cats last night': watched to the end (no verdict of its own)
    "sat through|sit through|got through|"
    # 'finally got round to The Godfather' (and "never got around to Heat": not seen)
    "got round to|got around to|gotten round to|gotten around to|get round to|get around to|"
    # a teacher's or a parent's showing ("we've shown Glory in class", 'I showed the kids Up',
    # 'we already used Amistad'): watched with them
    "we've shown|we have shown|i've shown|i have shown|we showed|i showed|we already showed|"
    "i already showed|we've already shown|we have already shown|i've already shown|"
    "we already used|we've already used|we have already used|already used|"
    # 'we tried cars 3 and the kids were bored': a film tried is one watched
    "we tried|i tried|tried watching|"
    # 'rewatched trainspoting last week': watched again
    "rewatched|re-watched|rewatching|re-watching|binged|binge watched|binge-watched|"
    # 'my dad showed me psycho when i was way too young'
    "showed me|showed us|made me watch|made us watch|introduced me to|got me into|"
    # 'we've done grease and the wizard of oz already': watched (at a film night)
    "we've done|we have done|weve done|we've already done|we already did|"
    # "I've done Halloween and The Fog", "I've already been through X and Y": watched
    "i've done|i have done|ive done|i've already done|i already did|been through|"
    "already been through|i've been through|i have been through|made it through|"
    "worked through|worked my way through|"
    # 'just finished Requiem for a Dream, after that one I need something lighter': watched
    "just finished|i finished|we finished|finally finished|"
    # 'never got round to Casino': with the 'never', not seen
    "got round to|got around to|gotten around to|gotten round to|get round to|get around to"
)
SIMILAR_CUES = _phrases(
    "more like|similar to|something like|anything like|stuff like|movies like|films like|"
    "books like|movie like|film like|one like|flick like|show like|book like|"
    "ones like|more of|in the style of|along the lines of|similar|"
    # 'recs like heat', 'suggestions like drive', 'something in the vein of heat'
    "recs like|recommendations like|suggestions like|picks like|titles like|in the vein of|"
    "in the same vein as"
)
NEGATIVE_CUES = _phrases(
    "hated|hate|hates|disliked|dislike|dislikes|despise|despised|detest|detested|loathe|"
    "loathed|not for me|no thanks|no thank you|"
    "not interested|not into|"
    "not a fan|boring|awful|terrible|bad|worst|meh|nah|nope|pass on|skip|no more|enough of|"
    # 'skipping anything with Meryl Streep', 'skipping horror this time'
    "skipping|"
    # sounds of disgust ('yuck' after the picks turns them down, as 'meh' does)
    "yuck|ew|eww|ewww|bleh|blech|eugh|ick|"
    "can't stand|sucked|rubbish|too scary|avoid|get rid of|remove|exclude|none|not really|"
    "sick of|tired of|done with|fed up with|fed up of|had enough of|bored of|bored with|"
    # "I've had enough horror for one week": no 'of' needed
    "had enough|had more than enough|had plenty of|had my fill|had our fill|"
    # 'marvel can go away', 'romcoms can get lost': dismissed
    "can go away|can get lost|can go jump|can stay away|"
    # 'my teen thinks pixar is for babies', 'cartoons are babyish': too young for them
    "is for babies|are for babies|is for little kids|are for little kids|babyish|too babyish|"
    # 'jaws 3 can go in the bin', 'the sequels can burn': thrown out
    "can go in the bin|can go in the trash|can go in the garbage|belongs in the bin|"
    "belong in the bin|belongs in the trash|belong in the trash|can burn|can rot|"
    "overrated|bored|disappointing|disappointed|a letdown|dull|lame|mediocre|forgettable|"
    "dreadful|horrible|cringe|cringey|garbage|trash|sucks|not great|not good|overlong|tedious|"
    # a household's rules ('romance is banned in our house', 'gore is off the table')
    "is banned|are banned|banned|is off the table|are off the table|off the table|"
    "is off limits|are off limits|off limits|off-limits|not allowed|is not allowed|"
    "are not allowed|isn't allowed|aren't allowed|is forbidden|are forbidden|"
    # 'horror is out of the question', 'romcoms are not happening', 'westerns are vetoed'
    "is out of the question|are out of the question|out of the question|is not happening|"
    "are not happening|isn't happening|aren't happening|not happening|is not an option|"
    "are not an option|isn't an option|aren't an option|not an option|is ruled out|"
    "are ruled out|ruled out|is vetoed|are vetoed|vetoed|a non-starter|non-starter|"
    # 'they're not fans of anything too loud', 'mum finds war films upsetting'
    "not fans of|not big fans of|not huge fans of|aren't fans of|are not fans of|"
    "upsetting|distressing|too upsetting|too distressing|traumatic|"
    # a critic's complaints ('Collateral, by contrast, felt bloated')
    "bloated|overblown|pretentious|plodding|overwrought|soulless|lifeless|tiresome|"
    "insufferable|clunky|incoherent|grating|overstuffed|joyless|charmless|"
    "confusing|too confusing|convoluted|hard to follow|a slog|slog|a chore|a drag|"
    # 'I find musicals painful', 'westerns are torture for me'
    "is painful|are painful|was painful|were painful|so painful|too painful|painful to watch|"
    "is torture|are torture|was torture|torturous|unwatchable|"
    "is a no|a no for me|a no from me|a no from us|no-go|a no-go|no go|a no go|nogo|a nogo|"
    "not my thing|a hard no|"
    "is a hard no|hard no|hard pass|"
    "a hard pass|a dealbreaker|dealbreaker|isn't my thing|is not my thing|wasn't my thing|"
    "wasn't really my thing|wasn't my cup of tea|wasn't my jam|"
    "not my cup of tea|isn't my cup of tea|not my jam|isn't my jam|i'm over|im over|i'm so over|"
    "so over|taken a break from|taking a break from|need a break from|took a break from|"
    # 'never again w/ found footage', 'get out of here w/ the rom coms'
    "never again|never again with|never again w|get out of here with|get out of here w|"
    # a film judged in the user's own words ('biggest letdown of the year: X', 'dozed off in X',
    # 'all style and zero substance', 'X is not a patch on Y', 'the most boring two hours')
    "letdown|biggest letdown|the biggest letdown|dozed off|nodded off|drifted off|"
    # 'no way am I watching horror tonight', "no way we're doing another musical"
    "no way am i|no way are we|no way i'm|no way im|no way we're|no way is|"
    # 'I was bored to tears' (not 'I'm bored, any ideas?': how the user feels now)
    "bored to tears|bored to death|bored stiff|bored out of my mind|bored out of my skull|"
    # "La La Land didn't live up to the hype", "no chance I'm watching a romcom"
    "didn't live up to|did not live up to|didnt live up to|never lived up to|"
    "doesn't live up to|does not live up to|no chance i'm|no chance am i|no chance we're|"
    "not a chance|"
    "walked out|walked out of|switched off|switched it off|not a patch on|"
    "nowhere near as good as|nowhere near as good|zero substance|no substance|"
    "style over substance|make me yawn|makes me yawn|made me yawn|yawnfest|"
    "the most boring|most boring|a total mess|total mess|a hot mess|a complete mess|preachy|"
    # 'I could happily never see it again', 'never want to watch that again'
    "never see again|never see it again|never watch again|never watch it again|"
    "never want to see|never want to watch|never wanna see|never wanna watch|"
    "never need to see|never need to watch|never sit through again|"
    "get outta here with|get outta here w|"
    # 'the little one had nightmares after jaws': it harmed someone ('gave me nightmares' may
    # be a horror fan's praise, so it is not here)
    "had nightmares after|had nightmares from|had nightmares for weeks after|"
    "traumatized by|traumatised by|scarred by|still scarred from|"
    "take a break from|not in the mood for|"
    # 'back off horror', 'lay off the gore', 'enough with the superhero stuff': less of it
    "back off|back off on|back off the|lay off|lay off the|ease off|ease off on|ease up on|"
    "enough with|enough w|enough with the|spare me|spare us|spare me the|spare us the|"
    # 'the apartment didn't do anything for me', 'it just didn't do it for me'
    "did nothing for me|didn't do anything for me|didnt do anything for me|"
    "didn't do it for me|didnt do it for me|didn't do much for me|didnt do much for me|"
    # 'it just didn't land for me', "didn't click with me"
    "didn't land|didnt land|did not land|didn't click|didnt click|did not click|"
    "didn't work for me|didnt work for me|did not work for me|didn't connect|didnt connect|"
    "does nothing for me|doesn't do it for me|doesnt do it for me|left me cold|"
    "unnecessary|pointless|"
    "over it|had my fill of|burnt out on|burned out on|spare me|spare me the|keep it away from|"
    "keep away from|stay away from|steer clear of|zero interest in|no interest in|minus|"
    "minus the|leave out|leave out the|no need for|don't need|do not need|"
    "can't handle|cant handle|cannot handle|can't deal with|cant deal with|can't take|"
    "cant take|can't do|cant do|couldn't handle|couldn't stand|"
    "put me to sleep|fell asleep|fell asleep during|snoozefest|a snoozefest|waste of time|"
    "a waste of time|left me cold|did nothing for me|a chore|a slog|dragged on|unwatchable|"
    "a mess|a hot mess|a dud|a flop|a drag|didn't do it for me|didnt do it for me|"
    "didn't click|didnt click|not worth it|wasn't worth it|overhyped|"
    # 'Fifty Shades is absolute trash': the verdict, not the kind Trash wished for
    "absolute trash|total trash|complete trash|utter trash|pure trash|hot garbage|"
    "absolute garbage|total garbage|complete garbage|utter garbage|pure garbage|"
    "absolute rubbish|total rubbish|complete rubbish|utter rubbish|"
    "an absolute mess|a complete mess|a total mess|an utter mess|"
    # 'Cats is a total dumpster fire', "musicals aren't my jam either", 'not my bag'
    "dumpster fire|a dumpster fire|a total dumpster fire|an absolute dumpster fire|"
    "a train wreck|a trainwreck|a total train wreck|a total trainwreck|"
    "aren't my jam|are not my jam|aren't really my jam|not my bag|isn't my bag|aren't my bag|"
    "are not my bag|not my scene|isn't my scene|aren't my scene|"
    # 'Suicide Squad, would not recommend', 'Westerns aren't my cup of tea'
    "would not recommend|wouldn't recommend|wouldnt recommend|would never recommend|"
    "don't recommend|do not recommend|can't recommend|cannot recommend|not recommended|"
    "aren't my cup of tea|are not my cup of tea|not really my cup of tea|"
    "isn't really my cup of tea|aren't my thing|are not my thing|aren't really my thing|"
    "would never|would never watch|would never sit through|could never sit through|"
    "can't sit through|cant sit through|couldn't sit through|couldnt sit through|"
    "could not sit through|cannot sit through|"
    # 'arthur refuses to watch anything with tom cruise', "she won't sit through a musical"
    "refuses to watch|refuse to watch|refused to watch|refuses to see|refuse to see|"
    "won't watch|wont watch|will not watch|won't sit through|wont sit through|"
    "wouldn't watch|wouldnt watch|won't go near|wont go near|"
    # 'elf grated on us', 'coco was a bit much for her', 'the third doesn't appeal at all'
    "grated on|grates on|grated|got on my nerves|gets on my nerves|got on our nerves|"
    "a bit much|rather much|hard going|heavy going|tough going|dragged|drags|"
    "doesn't appeal|doesnt appeal|does not appeal|didn't appeal|didnt appeal|"
    "don't appeal|dont appeal|couldn't get into|couldnt get into|could not get into|"
    "didn't get on with|didnt get on with|never got into|"
    # 'baywatch was not what i was looking for': it missed
    "not what i was looking for|wasn't what i was looking for|wasnt what i was looking for|"
    "not what i expected|wasn't what i expected|wasnt what i expected|not what i wanted|"
    "wasn't what i wanted|wasnt what i wanted|not what i hoped for|wasn't what i hoped for|"
    "not what i'm looking for|not what im looking for|not what i am looking for|"
    "didn't like|didnt like|did not like|didn't love|didnt love|didn't enjoy|didnt enjoy|"
    "not feeling|not feelin|not vibing with|not vibing|not digging|not loving|not sold on|"
    "confused me|lost me|went over my head|made no sense|made zero sense|"
    "bore me|bores me|bored me|bore me to tears|bores me to tears|bored me to tears|"
    "bored me to death|bore me to death|bores me to death|bored me stiff|bored me silly|"
    "scared of|afraid of|frightened of|terrified of|gets scared of|too childish|childish|"
    "too kiddy|kiddy|dumb|really dumb|so dumb|too dumb|pretty dumb|really stupid|so stupid|"
    "too stupid|pretty stupid|"
    # 'mean girls not so much', 'grease i couldnt even finish': turned down after the title
    "not so much|not as much|not that much|not at all|not one bit|not in the slightest|"
    "not at all into|not at all interested in|not at all a fan of|"
    "couldn't finish|couldnt finish|could not finish|"
    "couldn't even finish|couldnt even finish|couldn't get through|couldnt get through|"
    "didn't finish|didnt finish|never finished|turned it off|switched it off|walked out of|"
    "never even finished|didn't even finish|didnt even finish|vetoed|vetoes|veto|"
    "says no to|say no to|said no to|saying no to|"
    "gave up on|gave up halfway|"
    # 'tenet even worse': a comparison that complains
    "even worse|way worse|much worse|worse|"
    # 'tdkr was mid', 'avengers is mid': mediocre, a letdown
    "mid|kinda mid|kind of mid|pretty mid|so mid|"
    # 'frozen drove me nuts': a complaint of what the film did to the user
    "drove me nuts|drives me nuts|drove me crazy|drives me crazy|drove me insane|"
    # 'the notebook made me gag': what the film did to the user, as a complaint
    "made me gag|made me sick|made me want to puke|made me want to throw up|made me cringe|"
    "made me yawn|made me fall asleep|made me want to leave|made me want to die|"
    "got on my nerves|gets on my nerves|annoyed me|annoys me|annoying|irritated me|irritating|"
    "aged badly|aged like milk|"
    # a critic's verdicts ('Tenet felt derivative', 'the third act falls apart', 'all style and
    # no substance', 'Spectre felt phoned in', "hasn't aged well")
    "derivative|hollow|shallow|a misfire|misfire|phoned in|phoned-in|fell flat|falls flat|"
    "falls apart|fell apart|falling apart|heavy-handed|heavy handed|half-baked|"
    "muddled|uneven|self-indulgent|self indulgent|toothless|paint by numbers|"
    "paint-by-numbers|by-the-numbers|sophomore slump|a sophomore slump|"
    "saccharine|schmaltzy|mawkish|turgid|ponderous|overcooked|undercooked|"
    "style over substance|all style no substance|all style and no substance|"
    "all flash no substance|all flash and no substance|more style than substance|"
    "hasn't aged well|has not aged well|hasnt aged well|didn't age well|didnt age well|"
    "did not age well|doesn't hold up|doesnt hold up|does not hold up|didn't hold up|"
    "didnt hold up|did not hold up|hasn't held up|hasnt held up|has not held up|"
    "overrated garbage|a slog to sit through|outstayed its welcome|overstayed its welcome|"
    "can't stomach|cant stomach|cannot stomach|couldn't stomach|couldnt stomach|"
    "gutless|a cop-out|cop-out|a copout|creaky|clunky|curdles|curdled|"
    "emptier|nothing underneath|there's nothing underneath|nothing beneath|"
    "lost me halfway|a retread|retread|"
    "a pale imitation|pale imitation|inferior|leering|"
    # 'a late-career low', 'Memento was gimmicky', 'Hot Fuzz runs out of steam', 'ageing badly'
    "a late-career low|late-career low|a career low|career low|career-low|a new low|"
    "a low point|low point|gimmicky|runs out of steam|ran out of steam|running out of steam|"
    "ageing badly|aging badly|has aged badly|feels dated|felt dated|has dated|dated|"
    "a tonal misfire|tonal misfire|tonally all over the place|"
    "a fiasco|fiasco|a travesty|travesty|an embarrassment|embarrassing|"
    "wore out its welcome|a misstep|"
    "a cash grab|a cash-grab|cash grab"
)
# negative cues that take an object after them and never reach back ('a thriller minus the gore')
FORWARD_CUES = frozenset(
    [
        "can't handle",
        "cant handle",
        "cannot handle",
        "can't deal with",
        "cant deal with",
        "can't take",
        "cant take",
        "can't do",
        "cant do",
        "couldn't handle",
        "couldn't stand",
        "minus",
        "minus the",
        "spare me",
        "spare me the",
        "keep it away from",
        "keep away from",
        "stay away from",
        "steer clear of",
        "zero interest in",
        "no interest in",
        "leave out",
        "leave out the",
        "no need for",
        "don't need",
        "do not need",
        "sick of",
        "tired of",
        "done with",
        # 'im off romance for a while', 'sworn off sequels', 'gone right off westerns'
        "im off",
        "i'm off",
        "i’m off",
        "i am off",
        "we're off",
        "sworn off",
        "swore off",
        "gone off",
        "gone right off",
        "fed up with",
        "fed up of",
        "had enough of",
        "bored of",
        "enough of",
        "no more",
        "get rid of",
        "exclude",
        "avoid",
        "skip",
        "skipping",
        "pass on",
        "not into",
        "not in the mood for",
        "taken a break from",
        "taking a break from",
        "need a break from",
        "burnt out on",
        "burned out on",
        "had my fill of",
        "can't stand",
        "scared of",
        "afraid of",
        "frightened of",
        "terrified of",
        "gets scared of",
        "walked out of",
        "gave up on",
        # 'loved the original, not so much the 2007 one': with an object after, that one
        "not so much",
        "not as much",
        "not that much",
    ]
)
POSITIVE_CUES = _phrases(
    # a film praised in the user's own words ('a quiet little gem', 'a pleasant surprise', 'up
    # there with the best', 'had me hooked', 'had us glued to the screen')
    "a gem|gem|a little gem|little gem|a hidden gem|hidden gem|a real gem|a pleasant surprise|"
    "pleasant surprise|a nice surprise|nice surprise|a lovely surprise|up there with the best|"
    "had me hooked|had us hooked|hooked me|glued to the screen|had me glued|had us glued|"
    # what a film did, taken well ('Up made me bawl in the best possible way', 'Room broke me.
    # in a good way')
    "in the best possible way|in the best way|in a good way|in the good way|in a fun way|"
    "pure joy|such a joy|"
    # 'Ronin!!! best film ever', 'Heat, greatest movie of all time'
    "best film ever|best movie ever|the best film ever|the best movie ever|best film of all time|"
    "best movie of all time|greatest film ever|greatest movie ever|greatest film of all time|"
    "greatest movie of all time|the greatest film ever|the greatest movie ever|"
    # chat praise after a title: 'the hunger games 🏹 lowkey fire'
    "lowkey fire|highkey fire|straight fire|pure fire|absolute fire|so fire|"
    "loved|love|loves|liked|like|likes|enjoyed|enjoy|enjoys|adore|adored|adores|great|awesome|amazing|favorite|"
    "favourite|fantastic|brilliant|good|perfect|sounds good|fan of|yes|cool|nice|excellent|"
    # 'Signs underrated', 'heat is so underrated': praise for a film others undervalue
    "underrated|so underrated|criminally underrated|my number one|my number 1|my #1|"
    # 'watched Sicario yesterday, what a movie': praise of the film just named
    "what a movie|what a film|what a ride|what a flick|what a gem|what a classic|"
    # 'my top ones are pulp fiction and jackie brown', 'our top picks'
    "my top|our top|my top ones|my top picks|my top three|my top 3|my top five|my top 5|"
    "top ones|top picks|top films|top movies|"
    "wonderful|into|want|prefer|interested in|in the mood for|looking for|keen on|fond of|"
    "fab|fabulous|"
    # 'space is fascinating, show me something about it', 'the ocean fascinates me'
    "fascinating|so fascinating|fascinates me|fascinate me|fascinated by|fascinated with|"
    "intrigued by|intrigues me|intrigue me|interests me|interest me|"
    # 'I can't get enough horror', "haven't had enough westerns yet": more of it
    "can't get enough of|cant get enough of|can't get enough|cant get enough|"
    "never get enough of|haven't had enough of|havent had enough of|haven't had enough|"
    "havent had enough|not had enough of|not had enough|"
    "not bad|a fan of|interesting|looks good|looks great|sounds great|sounds interesting|"
    "sound good|look good|seem good|seems good|"
    "stunning|superb|incredible|outstanding|beautiful|gorgeous|masterpiece|masterpieces|classics|terrific|lovely|"
    # 'all absolute bangers', 'a banger': chat praise
    "bangers|absolute bangers|all bangers|a banger|an absolute banger|total bangers|"
    "gripping|moving|phenomenal|solid|favourites|favorites|all-time favourite|"
    "can't get enough of|cannot get enough of|cant get enough of|never get tired of|"
    "never tire of|don't mind|do not mind|wouldn't mind|would not mind|can't wait for|"
    "all time faves|faves|fave|all-time faves|"
    "wouldn't say no to|would not say no to|won't say no to|never say no to|can't say no to|"
    "couldn't say no to|i'm down for|im down for|down for|could go for|top 3|top three|top 5|"
    "top 2|top two|top 4|top four|"
    "can't stop watching|cant stop watching|cannot stop watching|can't stop|cant stop|"
    "hooked on|addicted to|obsessed with|binging|bingeing|been binging|"
    "top five|top ten|top 10|rules|rocks|slaps|goated|a banger|bangers|banger|slap|slapped|"
    "goes hard|went hard|go hard|holds up|still holds up|hold up|still hold up|held up|"
    # 'it really grew on me': liked after all
    "grew on me|grown on me|grows on me|grew on us|grown on us|"
    "aged well|aged like fine wine|"
    "blew me away|blown away|blew my mind|knocked my socks off|a blast|stuck with me|"
    # 'Interstellar lives rent free in my head', 'Inception is flawless'
    "lives rent free in my head|living rent free in my head|rent free in my head|"
    "rent-free in my head|flawless|"
    # 'susan would much rather see a comedy', "we'd rather watch something light"
    "would rather see|would rather watch|would rather have|rather see|rather watch|"
    # 'room really stayed with me', "i haven't stopped thinking about it"
    "stayed with me|has stayed with me|haven't stopped thinking about|"
    "havent stopped thinking about|can't stop thinking about|cant stop thinking about|"
    "edge of my seat|changed my life|made my day|hit different|hits different|a gem|"
    "a must see|a must-see|a must watch|a must-watch|a treat|a joy|a delight|cracked me up|"
    "so much fun|lots of fun|a lot of fun|really fun|fun|worth it|was worth it|"
    "a hit|a big hit|a huge hit|hits|big hits|huge hits|a winner|a keeper|keepers|the best|"
    "my comfort movie|my comfort film|a comfort movie|my comfort watch|my guilty pleasure|"
    "my guilty pleasures|guilty pleasures|a guilty pleasure|guilty pleasure|"
    "a guilty pleasure|my go-to|my go to|"
    # being moved is praise when said of a film ('had me in stitches', 'gave me chills')
    "floored me|moved me|left me speechless|left me breathless|gave me chills|"
    "gave me goosebumps|had me laughing|had me in stitches|made me laugh|had me hooked|"
    "gives me chills|give me chills|gives me goosebumps|give me goosebumps|"
    "got me hooked|hooked me|"
    "had me crying laughing|had me crying with laughter|had me in tears laughing|"
    # 'frozen and moana are on repeat at our house': watched over and over, gladly
    "on repeat|on a loop|on loop|on constant rotation|in heavy rotation|"
    "crying laughing|cried laughing|in tears laughing|tears of laughter|made me cry laughing|"
    # a critic's praise ('Gravity was a tour de force', 'Heat is a masterclass in tension',
    # 'a slow burn that pays off', 'Sicario was taut')
    "a tour de force|tour de force|a masterclass|masterclass|a triumph|triumphant|a revelation|"
    "revelatory|a knockout|a masterwork|masterwork|masterful|masterfully made|sublime|"
    "transcendent|taut|riveting|exquisite|pitch-perfect|pitch perfect|a landmark|"
    "essential viewing|required viewing|pays off|paid off|really pays off|"
    "a marvel|marvellous|marvelous|astonishing|breathtaking|dazzling|electrifying|"
    "holds up beautifully|still holds up beautifully|a career best|career-best|"
    "rewards rewatching|rewards a rewatch|better on a rewatch|better every rewatch|"
    "untouchable|the real thing|at his peak|at her peak|at their peak|at his best|at her best|"
    "at their best|at the top of his game|at the top of her game|perfected|"
    "a gut punch|a gut-punch|hypnotic|mesmerizing|mesmerising|"
    # 'a towering achievement', 'a technical triumph', 'a late-career high', 'nothing beats it'
    "a towering achievement|towering achievement|an achievement|a real achievement|"
    "a technical triumph|technical triumph|a career high|career high|career-high|"
    "a late-career high|late-career high|a high point|high point|nothing beats it|"
    "nothing beats that|nothing tops it|nothing tops that|the real deal"
)
# a lukewarm verdict after 'was' / 'is' ('Interstellar was ok'): watched, neither liked nor
# disliked
LUKEWARM_CUES = _phrases(
    "ok|okay|alright|fine|so-so|so so|average|passable|forgettable|just ok|just okay|"
    "only ok|only okay|pretty average|ok i guess|okay i guess|"
    "fine i guess|alright i guess|okay-ish|ok-ish|okayish|okish|alright-ish|less so|"
    "just alright|just fine|only alright|just average|all right|just all right|"
    # 'Split was decent', 'a solid enough thriller'
    "decent|pretty decent|fairly decent|solid enough"
)
# being shaken by a film says it was watched and felt, not that the user wants more of it
# ('Coco wrecked me', 'the first one wrecked me last time, something lighter'): these name
# the film before them without a verdict on it
SHAKEN_CUES = _phrases(
    "wrecked me|destroyed me|broke me|gutted me|tore me apart|made me sob|made me tear up|"
    "had me in tears|had me crying|had me sobbing|left me in tears|left me shaken|"
    "haunted me|traumatized me|traumatised me|scarred me|had me shook|left me shook|"
    "got me shook|ruined me"
)
# what a film did to the user, said after its title ('her made me cry', 'signs freaked me out'):
# it makes a lower-case everyday word the title, and says no verdict of its own (a film named
# so is liked by default, as ReDial's seekers mean by 'Prometheus scared the crap out of me')
EFFECT_PHRASES = _phrases(
    "made me cry|made me bawl|freaked me out|creeped me out|scared me|scared me silly|"
    "terrified me|frightened me|horrified me|disturbed me|gave me nightmares|"
    "made us cry|made us all cry|made everyone cry|made the whole family cry|"
    "made my whole family cry|made the whole family tear up|made my wife cry|"
    "made my husband cry|made my kids cry|made my mom cry|made my dad cry|had us in tears|"
    "made me cry in a good way|made me tear up|made us bawl|made everyone bawl|"
    "made my whole family bawl|made the whole family bawl|made me sob|made us sob|"
    "scared the crap out of me|scared the hell out of me|scared the life out of me|"
    "gave me nightmares|messed me up|messed with my head"
)
# verdicts said of a title right after 'was' / 'is' and an intensifier ('split was wild',
# 'drive was so slow', 'signs was creepy af'); they count only there, as a judgement of the
# title that is the subject ('the party was wild', 'the heat was unbearable' judge no film)
COPULA_PRAISE = _phrases(
    "wild|insane|sick|crazy|epic|iconic|legendary|hilarious|funny|sweet|cute|adorable|fire|"
    "dope|lit|unreal|peak|underrated|a classic|a masterpiece|my jam|my childhood|killer|"
    "my whole childhood|a vibe|a trip|bonkers|heartwarming|charming|clever|smart|genius|"
    "spectacular|mind-blowing|mindblowing|mind blowing|trippy|powerful|touching|magical|"
    "delightful|entertaining|a ride|a wild ride|a must|a riot|a hoot|a blast|the goat|goat|"
    "top tier|top-tier|elite|a favorite|a favourite|my favorite|my favourite|my fav|my fave|"
    # 'heat and her are my favs', 'the dark knight and heat are my two fav films'
    "my favs|my faves|my favorites|my favourites|my two fav|my two favs|my two faves|"
    "my two favorite|my two favourite|my two favorites|my two favourites|my three fav|"
    "my all time fav|my all-time fav|my all time favorite|my all-time favorite|"
    "my all time favourite|my all-time favourite|my top two|my top 2|my top three|my top 3|"
    "classics|all-time classics|10/10|10 / 10|11/10|11 / 10|a 10|a solid 10|"
    # a critic's praise after 'was' / 'is' ('Drive was a revelation', 'Heat is a masterclass')
    "a tour de force|a masterclass|a triumph|a revelation|a knockout|a masterwork|masterful|"
    "sublime|transcendent|taut|riveting|exquisite|pitch-perfect|pitch perfect|a landmark|"
    "a marvel|astonishing|breathtaking|dazzling|electrifying|essential viewing|untouchable|"
    "the real thing|hypnotic|mesmerizing|mesmerising|"
    # 'nope was mid, get out was way better': the better of two is the one praised
    "way better|much better|so much better|far better|a lot better|even better|miles better|"
    # 'Ronin was fine but Heat was better': the better of two, said without an intensifier
    "better|the better one|the better film|superior|far superior|the best one|the stronger one|"
    # 'Alien is the one for me'
    "the one for me|the one for us|the one i love|the one i loved"
)
COPULA_COMPLAINT = _phrases(
    # 'Jackie Brown is nowhere near' (as good as the film said before)
    "nowhere near|nowhere close|not even close|not close|not in the same league|"
    # 'Speed 2 is a joke', 'the remake is an insult'
    "a joke|a total joke|a complete joke|an absolute joke|laughable|a disgrace|an insult|"
    "slow|bland|cheesy|corny|silly|weak|flat|predictable|pointless|confusing|painful|annoying|"
    "long|a bore|underwhelming|overhyped|not it|not so good|not that good|not very good|"
    "not funny|not scary|not great|nothing special|a letdown|a let down|a waste|stupid|meh|"
    "bloated|overblown|pretentious|plodding|overwrought|soulless|lifeless|tiresome|"
    "insufferable|clunky|incoherent|grating|overstuffed|joyless|charmless|lazy|"
    "a mess|forgettable|unwatchable|dull|a race to the bottom|a cash grab|a cash-grab|"
    "derivative|hollow|shallow|a misfire|phoned in|heavy-handed|heavy handed|half-baked|"
    "muddled|uneven|self-indulgent|toothless|paint by numbers|paint-by-numbers|saccharine|"
    "schmaltzy|mawkish|turgid|ponderous|a misstep|style over substance|gutless|"
    "a cop-out|creaky|empty|emptier|a retread|a fiasco|a travesty|leering|"
    "all style no substance|all style and no substance|more style than substance"
)
COPULA_SHAKEN = _phrases(
    # 'Arrival is a slow burn': how it felt, said of a film watched
    "a slow burn|a slow-burn|a slow burner|slow burn|a real slow burn|"
    "creepy|scary|terrifying|intense|disturbing|haunting|tense|brutal|heavy|sad|devastating|"
    "gory|bloody|dark|harrowing|emotional|a tearjerker|rough|grim|bleak"
)
# verdicts a film's title is the subject of with no 'me' and no 'was' ('taken slaps', 'heat
# goes hard', 'jaws still holds up', 'frozen drove me nuts' has its 'me'): a lower-case everyday
# word before one of these, closing its clause, is the title ('work sucks' is the user's day)
SUBJECT_VERDICTS = _phrases(
    "slaps|slapped|still slaps|rules|ruled|rocks|rocked|sucks|sucked|goes hard|went hard|"
    "go hard|hits different|hit different|holds up|still holds up|held up|aged well|aged badly|"
    "aged like milk|aged like fine wine|bangs|is peak|was peak|is mid|was mid|is trash|was trash"
)
COPULAS = _words("was is were are 's")
DENIED_COPULAS = _words("wasn't isn't weren't aren't wasnt isnt werent arent")
# what may close a denied copula with nothing after it ('cars wasn't at all', 'X was not for me')
DENIAL_TAILS = (
    ("at", "all"),
    ("really",),
    ("for", "me"),
    ("for", "us"),
    ("tbh",),
    ("imo",),
    ("though",),
    ("honestly",),
    ("either",),
    ("lol",),
)
COPULA_FILLERS = _words(
    "so soo sooo really pretty kinda kind of super very truly honestly lowkey highkey such both "
    "absolutely genuinely actually just straight up fr ngl"
)
ORDINALS = {
    **dict.fromkeys(("first", "1st"), 0),
    **dict.fromkeys(("second", "2nd"), 1),
    **dict.fromkeys(("third", "3rd"), 2),
    **dict.fromkeys(("fourth", "4th"), 3),
    **dict.fromkeys(("fifth", "5th"), 4),
    **dict.fromkeys(("sixth", "6th"), 5),
    **dict.fromkeys(("seventh", "7th"), 6),
    **dict.fromkeys(("eighth", "8th"), 7),
    **dict.fromkeys(("ninth", "9th"), 8),
    **dict.fromkeys(("tenth", "10th"), 9),
    "last": -1,
    "middle": -2,
}
_NUMBERS = "zero one two three four five six seven eight nine ten"
NUMBER_WORDS: dict[str, float] = {
    **{w: n for n, w in enumerate(_NUMBERS.split())},
    **{str(n): n for n in range(1, 11)},
    "a": 1,
    "an": 1,
    "one and a half": 1.5,
}
# alias words -> candidate facet values (normalised); the first one the catalogue has wins
FACET_ALIASES = _aliases(
    """funny|funnier|comedies|comedic|comedy|laugh|hilarious|lighthearted = comedy, komödie;
    fun|light|laughs|laughter = comedy;
    violent|violence|brutal = violence;
    rom com|romcom|rom coms = romantic comedy;
    chick flick|chick flicks|chick film|chick films|chickflick|chickflicks = chick flick;
    dude film|dude films|dude movie|dude movies|bro movie|bro movies = dude film;
    romance drama|romance dramas|romantic dramas = romantic drama;
    whodunit|whodunnit|whodunits|whodunnits = mystery;
    date night|date movie|first date|a date = romantic comedy, romance;
    scary|scarier|spooky|frightening = horror;
    sci fi|scifi|science fiction = science fiction;
    psych thriller|psych thrillers|psychological thrillers = psychological thriller;
    documentary|documentaries|docs|doc = documentary, documentation;
    romantic|romance|love story|love stories|lovestory = romance, romance film;
    animated|cartoon|cartoons = animation;
    computer animated|computer animation|cgi animated|cgi animation|cg animated|3d animated|
    3d animation = computer animation, animation;
    claymation|clay animation|plasticine = stop motion, animation;
    anime = anime, japanese animation, animation;
    thrilling|suspense|suspenseful|tense = thriller;
    dramas|dramatic|serious = drama;
    wars|war movie|war movies = war;
    westerns|cowboy|cowboys = western;
    crimes = crime;
    cop|cops|police = police, crime;
    detective|detectives|sleuth = detective, crime;
    gangster|gangsters|mobster|mobsters = gangster, mafia, crime;
    mafia|mob|mafiosi|cosa nostra = mafia, gangster, crime;
    psychological = psychological thriller;
    silly|stupid|dumb|goofy|daft = silly movie;
    gory|gore|bloody|splatter = splatter film;
    heist|heists|robbery|bank robbery|caper = heist, crime;
    make me cry|tearjerker|tearjerkers|weepie|sad|saddest|depressing|cry = sad;
    feel good|feel-good|feelgood|cheerful|uplifting|heartwarming|upbeat|wholesome|sweet = uplifting;
    comfort movie|comfort movies|comfort film|comfort films|comfort watch = uplifting;
    mysteries|mystery|whodunit = mystery, mysterie;
    fantasy|magic|magical = fantasy;
    family = family, familienfilm;
    kids|children = family, children s, familienfilm;
    musicals = musical;
    singing|sing along|sing-along|singalong|sing alongs|sing-alongs|singalongs|songs|
        song and dance|musical numbers = musical;
    concert|concerts = music, musical;
    historical|history|period = history, historie;
    biopic|biopics = biography;
    true story = true story, biography;
    adventurous = adventure;
    action packed|explosions = action;
    superhero|superheroes = super hero, action;
    spy|spies|espionage|secret agent = secret agent;
    kung fu|karate|martial arts = martial arts;
    cult|cult classic = cult favourite, cult favorite;
    classic|classics = classic;
    blockbuster|blockbusters = blockbuster;
    indie = independent;
    noir = neo noir, film noir;
    oscar winning|oscar winner = academy award winner;
    poems = poetry;
    mockumentary|mockumentaries = fake documentary;
    post apocalyptic|post-apocalyptic|apocalyptic|apocalypse = apocalypse post apocalypse;
    dystopia|dystopian|dystopias|utopia|utopian = utopia dystopia;
    haunted house|haunted houses|haunted mansion = ghost house, ghost;
    road trip|road trips = road;
    kaiju = japanese monster, monster;
    spoof|spoofs = parody;
    slapstick = silly, daffy comedy;
    spaghetti western|spaghetti westerns = italo western, western;
    sword and sandal|swords and sandals|sword and sandals|peplum = swords and sandals;
    cheer me up|cheer us up|cheer up|pick me up|pick-me-up|mood booster = uplifting;
    make me think|makes me think|makes you think|thought provoking|thought-provoking|cerebral|
        smart|thoughtful =
        intellectually stimulating;
    mind bender|mind benders|mind-bender|mind-benders|mindbender|mindbenders|mind bending|
        mind-bending|mindbending|mindfuck|mind fuck|mindfucks|brain teaser|brain teasers =
        intellectually stimulating;
    confusing|convoluted|complicated|hard to follow|too complex = intellectually stimulating;
    creepy|eerie|unsettling = creepy;
    slow burn|slow burner|slowburn|slow burning = suspenseful;
    gripping|nail biting|nail-biting|nailbiter|edge of my seat|edge of your seat|edge-of-your-seat =
        suspenseful;
    disturbing|messed up = disturbing;
    gritty|grim = dark;
    relaxing|chill|cozy|cosy|easy watching|easy|easygoing|easy going|undemanding = relaxed;
    heavy|weighty|heavy going = serious;
    comforting|comfy|wholesome|soothing|calm|calming|peaceful|gentle = relaxed;
    fall asleep to|falling asleep to|doze off to|drift off to|sleep to = relaxed;
    long day|long day at work|long week|stressful day|stressful week|hard day at work|unwind|
        wind down|rainy day|rainy afternoon|rainy evening|rainy sunday|lazy sunday|
        lazy afternoon|sick day|snow day = relaxed;
    rough day|bad day|rough week|bad week|feeling down|feeling blue|feeling low = uplifting;
    inspiring|inspirational|inspired|motivational|motivating|hopeful|empowering|life affirming|
        life-affirming|feels like a hug|like a hug = uplifting;
    a good cry|good cry|bawl|sob = sad;
    bittersweet = touching;
    quirky|offbeat|oddball|eccentric|whimsical = quirky;
    adrenaline|adrenaline rush|pulse pounding|pulse-pounding|heart pounding|heart-pounding|
        exhilarating|high octane|high-octane = exciting;
    switch off|brain off|turn my brain off|switch my brain off|don't have to think|dont have to
        think|no thinking = relaxed;
    laugh out loud|laugh-out-loud|make me laugh|make us laugh|belly laugh|belly laughs = comedy;
    rainy night|rainy weekend|cold night|winter night = relaxed;
    touching|moving = touching;
    based on a book|based on a novel|book adaptation = novel;
    remake|remakes = remake;
    black and white|b&w = black and white;
    silent film|silent films|silent movie|silent era|silent-era|silents = silent;
    neorealism|neo-realism|neo realism|neorealist|neo-realist|italian neorealism|
        italian neo-realism|italian neorealist = italian new realism;
    new wave|french new wave|nouvelle vague = nouvelle vague;
    neo noir|neo-noir|neonoir|neo-noirs|neo noirs = neo noir;
    arthouse|art house|art-house|art film|art films|art movie|art movies|art cinema|
        arthouse cinema = art film, art movie;
    auteur|auteurs|auteur cinema|auteur film|auteur films = auteur movie;
    golden age|golden-age|old hollywood|classic hollywood|hollywood golden age = classic;
    new hollywood|american new wave = new hollywood;
    mumblecore = mumblecore;
    b movie|b movies|b-movie|b-movies = b movie;
    experimental|avant garde|avant-garde = experimental film"""
)
# request words -> language code ('farsi' -> 'fa'); from the one table in chatbot.locales
LANGUAGES: dict[str, str] = LANGUAGE_WORDS
# nationality adjectives and country names -> ISO country code ('holland' -> 'NL')
COUNTRIES: dict[str, str] = COUNTRY_WORDS
FILLER_WORDS = _words(
    """aged shot filmed exception exceptions real compromise overlap netflix hulu
    recap sigh sighs shrug shrugs facepalm eyeroll yawn yawns groan groans cringe
    dvd dvds bluray blu-ray vhs watchlist watchlists queue
    distraction distractions mindless brainless slow series franchise trilogy installment
    installments instalment instalments entries
    movie movies film films flick flicks something anything recommend recommendation
    style vein
    appropriate inappropriate suitable unsuitable
    recommendations suggest suggestion suggestions want wanna looking look watch watching see show
    shows give me please maybe kind sort type one ones stuff thing things tonight today now would
    total totally complete completely absolute absolutely utter utterly proper decent actual
    super overly extremely insanely incredibly ultra genre genres
    could can some any the with about and for that this these those what which who where when how
    you your yours i'm i'd i've i'll let's have has had get got find seen really very quite pretty
    just also too more most much many lot lots bit little need needs feel feeling mood like likes
    loads load plenty several heaps tons numerous
    liked love loved enjoy enjoyed good great nice best better well again still there here them
    they their it's its was were are been being will shall should might must from into onto over
    under book books read reading title titles item items pick picks option options other another
    yes okay sure thanks thank hey hello hi hmm actually probably definitely perhaps rather fine
    interesting interested looks look sounds seems seem only even either else ever preferably
    ideally especially esp espesh max min luck rest mostly favorite favorites favourite favourites
    ideas idea tips advice options suggestions alternatives different second first third big
    ugh ughh argh urgh welp omg omfg lol lmao rofl brb bbl afk gtg ttyl
    huge small course gem gems appeal appeals fan fans surprise others alternative tops old
    recs rec lowkey highkey ngl tbh imo rn fr bops certified vibes vibe foreign
    hype hyped fresh
    same similar else few bit double feature mind tonight evening afternoon morning weekend
    later tell help bunch couple handful rating ratings rated runtime length reviews review
    imdb score scores stars release releases released watchable rewatch rewatchable
    votes vote voters voted
    lets tiny teeny wee smidge smidgen dash hint sprinkle
    original originals thinking doing planning ready worth pure
    typo typos autocorrect batch set wait restriction restrictions oops whoops critics
    reviewers gift gifts cinema cinemas theater theatre theaters theatres
    projector projectors laptop laptops ipad ipads tablet tablets smartboard whiteboard
    lesson lessons module curriculum assignment mine version versions era content
    seat seats speaker speakers bowl bowls snack snacks couch sofa blanket blankets
    remote subwoofer soundbar act acts times career"""
)
# words that, typed in lower case, are more likely ordinary words than a title
COMMON_WORDS = (
    FILLER_WORDS
    | NEGATORS
    | _words(
        """a an the of in on at to by up down out off it he she we us they her him his hers my our i
        me you go going went run drive fast slow dark light black white red blue green love hate fun
        funny life time night nights day days man men woman women girl girls boy boys home house
        world war big little small old new last first second one two three good bad great star
        stars space story true real game games play action heat rain fire ice water sea sky moon
        sun gold money crash cars speed signs split say thing things best better help away back
        after before city town road street fight club boss baby dog dogs cat cats monster monsters
        hero heroes people person king queen mother father son daughter brother sister party
        wedding christmas holiday summer winter spring fall music dance doctor teacher soldier
        school family friends friend dead death live alive lost found rush gravity taken memento
        twins ghost ghosts zombie zombies vampire vampires alien aliens robot robots animal animals
        horse horses shark sharks island islands jungle desert ocean boat ship ships train plane
        police cop cops spy spies killer killers crime drama horror comedy thriller romance western
        fantasy adventure adventures science fiction history documentary animation mystery
        musical"""
    )
)

# chat spellings -> words, applied to whole words before anything else reads the message
SLANG = _table(
    "smth=something|sth=something|smthg=something|somethin=something|pls=please|plz=please|"
    "pleeease=please|u=you|ur=your|r=are|w/=with|w/o=without|b4=before|thx=thanks|"
    "mins=minutes|min=minutes|hrs=hours|hr=hour|flick=film|flicks=films|movs=movies|"
    "rn=right now|tbh=honestly|idk=i don't know|dunno=don't know|gimme=give me|"
    "wanna=want to|gonna=going to|kinda=kind of|sorta=sort of|luv=love|kiddos=kids|"
    "grandma=grandmother|granny=grandmother|grandpa=grandfather|nan=grandmother|"
    "romcom=rom com|romcoms=rom coms|scifi=sci fi|docu=documentary|vid=video|cmdy=comedy|"
    "comdy=comedy|whats=what's|hows=how's|wheres=where's|whos=who's|"
    "thrilller=thriller|horor=horror|no1=no one|noone=no one|fav=favourite|fave=favourite|"
    "favs=favourites|faves=favourites|fav's=favourites|n=and|over the moon=delighted|pt=part|"
    "tho=though|lookin=looking|watchin=watching|somethin'=something|alot=a lot|"
    "h8=hate|h8s=hates|h8ed=hated|h8d=hated|gr8=great|"
    "btw=by the way|tmrw=tomorrow|tmrow=tomorrow|2moro=tomorrow|2morrow=tomorrow|"
    "tonite=tonight|2nite=tonight|2day=today|b/c=because|cuz=because|coz=because|"
    "nothin=nothing|nothin'=nothing|anythin=anything|anythin'=anything|"
    "jumpscares=jump scares|jumpscare=jump scare|jumpscary=jump scares|nite=night|"
    # contractions typed without the apostrophe ('a shark movie that isnt jaws'); not those
    # that are words of their own ('its', 'ill', 'were', 'lets', 'id', 'hed', 'shed')
    "isnt=isn't|arent=aren't|wasnt=wasn't|werent=weren't|dont=don't|doesnt=doesn't|"
    "didnt=didn't|havent=haven't|hasnt=hasn't|hadnt=hadn't|wont=won't|cant=can't|"
    "wouldnt=wouldn't|shouldnt=shouldn't|couldnt=couldn't|aint=ain't|im=i'm|ive=i've|"
    "youre=you're|thats=that's|theres=there's|theyre=they're|youve=you've|itd=it'd|"
    # "first one's a no", "that's a no from me": the verdict with its 'is'
    # 'not Halloween, I know that one by heart': seen many times ('that one' is the film)
    "know that one by heart=have seen that one|know it by heart=have seen it|"
    "know them by heart=have seen them|know those by heart=have seen those|"
    "this i know by heart=i have seen it|know this one by heart=have seen this one|"
    "know this by heart=have seen it|"
    # 'seen The Sound of Music too many times': seen often, no complaint of length
    "too many times=many times|"
    # "I don't know this one, the first. Is it new?": not seen, no verdict
    "i don't know this one=i haven't seen this one|i dont know this one=i haven't seen this one|"
    "i don't know that one=i haven't seen that one|i dont know that one=i haven't seen that one|"
    # 'the dog must not die at the end': what happens, not a topic 'end'
    "at the end=in it|"
    # 'in this heat I want something light': the weather, no film
    "in this heat=today|in this weather=today|in this cold=today|"
    # 'at least eight of ten stars': a rating out of ten
    "of ten stars=out of ten|of 10 stars=out of 10|of ten points=out of ten|"
    "of 10 points=out of 10|"
    "one's a no=one is a no|that's a no=that is a no|it's a no=it is a no|"
    "other than=except|apart from=except|aside from=except|anything but=anything except|"
    "nothing but=only|"
    # 'the room is so bad it's good': enjoyed for how bad it is
    "so bad it's good=a guilty pleasure|so bad its good=a guilty pleasure|"
    "so bad it was good=a guilty pleasure|so bad that it's good=a guilty pleasure|"
    "so bad it's funny=a guilty pleasure|so bad its funny=a guilty pleasure|"
    # chat praise said after a verdict or in place of one ('Heat is a masterpiece, no notes',
    # 'Coco slaps, no skips', 'The Godfather is chef's kiss', 'Paddington 2 is peak cinema'):
    # nothing to avoid ('notes', 'skips') and no topic ('chef's kiss', 'peak cinema')
    "no notes=|zero notes=|no skips=|zero skips=|"
    "chef's kiss=a masterpiece|chefs kiss=a masterpiece|chef’s kiss=a masterpiece|"
    "peak cinema=a masterpiece|peak film=a masterpiece|cinema at its finest=a masterpiece|"
    # 'Cats is a crime against cinema', 'a snooze fest', 'I'd rather watch paint dry than sit
    # through Cats': complaints in set phrases
    "a crime against cinema=awful|crime against cinema=awful|a crime against film=awful|"
    "snooze fest=snoozefest|snooze-fest=snoozefest|"
    "would rather watch paint dry than=would never|i'd rather watch paint dry than=i would never|"
    "id rather watch paint dry than=i would never|"
    # "wouldn't be caught dead watching Grease": never ('dead' is no topic)
    "wouldn't be caught dead watching=would never watch|"
    "wouldn't be caught dead seeing=would never watch|"
    "wouldnt be caught dead watching=would never watch|"
    "smh=|shaking my head=|"
    # lukewarm in set phrases ('La La Land, I could take it or leave it', 'The Shining? the
    # book was better', 'Gatsby? I preferred the novel'): watched, neither liked nor turned
    # down ('lukewarm on X' is a mild no: core._DOUBLE_NEGATIVES)
    "i could take it or leave it=it was ok|could take it or leave it=was ok|"
    "i can take it or leave it=it was ok|can take it or leave it=was ok|"
    "the book was better=it was ok|the book is better=it was ok|the book was way better=it was ok|"
    "i preferred the book=it was ok|i preferred the novel=it was ok|"
    # 'the last one, no doubt about it' is a yes; 'Cats, avoid like the plague': avoid
    "no doubt about it=definitely|no doubt=definitely|like the plague=|"
    "no question about it=definitely|no questions asked=definitely|"
    # 'the last day of term', 'end of term': a time, no topic 'term'
    "of term=of school|end of term=end of school"
)
# verdict and watching words a typo of which is read as the word ('liekd' -> 'liked', 'wacthed'
# -> 'watched'): an unknown word one edit (or one swap of neighbours) away; the first listed wins
CUE_SPELLINGS = (
    *("loved", "liked", "hated", "enjoyed", "adored", "watched", "disliked", "rewatched"),
    *("favourite", "favorite", "amazing", "awesome", "boring", "terrible", "brilliant"),
    *("fantastic", "love", "like", "hate", "enjoy", "adore", "loves", "likes", "hates"),
    # wish words and pick ordinals ('funy movie', 'the secnd one')
    *("funny", "scary", "romantic", "comedy", "horror", "thriller", "animated", "documentary"),
    *("first", "second", "third", "last"),
)
# longer words that qualify a verdict or a wish, whose everyday misspellings are frequent enough
# on the web to pass the rare-word test above ('realy', 'absolutley', 'somthing'): see
# core._cue_typo
ADVERB_SPELLINGS = (
    *("really", "absolutely", "definitely", "totally", "honestly", "seriously", "actually"),
    *("literally", "probably", "especially", "basically", "incredibly", "completely"),
    *("genuinely", "extremely", "hilarious", "horrible", "beautiful", "something", "anything"),
    *("recommend", "favourite", "favorite", "masterpiece", "overrated", "underrated"),
    *("entertaining", "interesting", "disappointing", "watching"),
)
# 'a 6 year old', 'for my kids', 'with my grandmother': who is watching -> audience constraint
CHILD_WORDS = _words(
    # ('little ones' is matched as a phrase where this list is used: 'the ones from the 80s' is no
    # child)
    "kid kids child children son sons daughter daughters toddler toddlers nephew "
    "niece nephews nieces grandkids grandchildren grandson granddaughter kiddo baby babies boy "
    "girl youngsters"
)
FAMILY_WORDS = _words(
    "family grandmother grandfather grandparents parents mom mum dad mother father mother-in-law "
    "nan aunt uncle grandma granny grandpa whole everyone elderly"
)
CHILD_AGE_MAX = 12  # up to this age the picks are children's / family films only
QUESTION_STARTS = _words(
    "what when which who whom whose why how is are was were does do did can could will would tell "
    "what's who's how's when's where's whats whos hows whens wheres "
    "has have had isn't aren't wasn't doesn't didn't"
)
# what follows 'do you have' when it asks for films ('any westerns', 'something fun', 'good
# movies'), not whether the catalogue holds a title ('do you have Heat?')
_ASKS_FOR_FILMS = (
    r"(?:any|anything|something|some|more|other|a|an|good|great|films?|movies?|"
    r"recommendations?|suggestions?|ideas?)\b"
)
# questions that are requests in disguise: 'can you recommend', 'what should I watch'
# words that soften a request without changing what it asks for ('maybe an adventure?')
HEDGES = frozenset(
    [
        "maybe",
        "perhaps",
        "possibly",
        "or",
        "just",
        "then",
        "preferably",
        "ideally",
        "probably",
        "idk",
        "mayb",
        "prob",
    ]
)
REQUEST_QUESTIONS = re.compile(
    # 'can you tell me about Heat?' asks about a film; 'can you tell me any good westerns?',
    # 'could you name some comedies' ask for films
    r"^(can|could|would|will) you (?!(?:tell|describe|explain|say)\b(?! me (?:of |about )?"
    r"(?:any|some|a few|a couple|a good|good|great|more)\b))|"
    r"^(do|have|did) you (know|see|like|love|recommend)\b|"
    # 'have you seen anything good lately?' asks for films; 'have you seen kes?' about one
    r"^(do|have|did) you (?:ever )?(seen|watched)\b(?=\s+(?:anything|something|any|some|"
    r"good|great|films?|movies?)\b)|"
    # 'do you have any westerns?' asks for films; 'do you have Heat?' whether it is there
    rf"^(do|have|did) you (have|got)\b(?=\s+{_ASKS_FOR_FILMS})|"
    r"^what (should|could|can|"
    r"would|shall) (i|we)\b|^what about\b|^how about\b|"
    # 'my 14-year-old is sleeping over, what can they watch?': films asked for someone
    r"^what (?:should|could|can|would) (?:they|he|she|the kids|the children|my \w+) "
    r"(?:watch|see)\b|"
    r"^(is|are) there\b(?! an? (?:happy|sad|twist) ending)"
    # 'is there a sequel?' after a pick: its series asked about
    r"(?! (?:an?|any) (?:sequels?|prequels?|follow[\s-]?ups?)\s*"
    r"(?:(?:to|of|for) [^,.!?]+)?\s*\??$)|"
    # "(I don't suppose) there's anything in black and white ...?": films asked for
    r"^there(?:'s| is| are) (?:anything|something|any|some)\b|"
    # 'any comedies?' asks for films; 'any of these animated?' about the picks shown
    r"^any\b(?! of (?:these|those|them|the (?:three|picks|films|movies))\b)|"
    r"^(what'?s|what is|which is|which are|what are) (a|an|some|the best|good|your)\b|"
    r"^anything\b|^got any\b|^why not\b|"
    # 'what else did that director make?': more films, not a fact
    r"(?:^|, )what else (?:did|has|have) (?:that|this|the|he|she|they)\b|"
    # 'my 7 year old loved paddington, what else?', 'liked heat. so what else is there': films
    # like the ones named
    r"(?:^|[,.;!]\s*)(?:so |and |ok |okay )?what else\b(?=\s*(?:[?!.]|$|is there|you got|"
    # "we've seen Up and Ratatouille, what else is animated and fun?": more films of a kind
    r"(?:is|would be|could be) (?!it\b|that\b|this\b|he\b|she\b|there\b|on\b|in\b)[a-z]+|"
    r"do you have|(?:would|could|can|should|might) (?:she|he|they|i|we|the \w+) (?:like|watch|"
    r"enjoy)))|"
    # "he's 8, what's similar but ok for kids?": films like the one named are asked for
    r"(?:^|,\s*)(?:what'?s|what is|anything|something|got anything|any(?:thing)? else) "
    r"(?:else )?(?:similar|like (?:it|that|this|that one))\b|"
    # 'tell me about some comedies', 'tell me more about films like heat': a request
    rf"^tell me (?:more )?about (?:{_ASKS_FOR_FILMS}|films?|movies?)|"
    # 'my kids have seen Moana and Coco already, what other animated films?': more films
    r"(?:^|[,.;!]\s*)(?:so |and |ok |okay )?(?:what|which|any) other (?:\w+ ){0,3}?"
    r"(?:films?|movies?|ones|cartoons|shows|titles|options|picks)\b"
    r"(?=\s*(?:[?!.]|$|(?:are|is) there|do you have|you got|(?:would|could|can|should|might) "
    r"(?:she|he|they|i|we|the \w+|my \w+) (?:like|watch|enjoy|see)))"
)
# question topic -> pattern over the lower-cased message; the first that matches wins
QUESTION_TOPICS: tuple[tuple[str, str], ...] = (
    (
        # 'what's the sequel to Shrek?', 'what comes after The Two Towers?', 'what's the next
        # one?', 'in what order should we watch them?': the film after or before one, the order
        "series",
        r"\b(?:sequels?|prequels?|follow[\s-]?ups?) (?:to|of)\b|"
        r"\bthe (?:one|film|movie|part) (?:right |just )?(?:after|before)\b|"
        r"\bwhat (?:comes|came) (?:right |just )?(?:after|before|next)\b|"
        r"\bthe (?:next|previous) (?:one|film|movie|part|installment|instalment|chapter)\b|"
        r"\b(?:what|which) order\b|\bin order\b|"
        r"\bhow many (?:are there|of them are there|films|movies|parts) (?:are there|in)\b",
    ),
    # 'what was the first one again?', "what's the second one called?": which film it was
    (
        "which",
        r"^(?:so |sorry,? |wait,? )?(?:what|which)(?:'s| is| was)\s+(?:the\s+)?(?:first|second|"
        r"third|last|middle|1st|2nd|3rd|other) (?:one|pick|film|movie)(?: called| again)*\s*\??$|"
        r"^what (?:was|is|'s) (?:it|that|that one) called(?: again)?\s*\??$",
    ),
    ("reason", r"\bwhy\b|\bhow come\b|\bwhat makes (it|this|that)\b"),
    (
        # 'do you have Heat?', 'is Heat in your catalogue?': whether the catalogue holds it
        "held",
        r"\b(?:do you (?:guys )?have|have you got|you got|do you stock|do you carry)\s+"
        # ('how old do you have to be to watch it': an age asked about)
        rf"(?!{_ASKS_FOR_FILMS}|to\b)|"
        r"\bin (?:your|the) (?:catalogue|catalog|list|library|collection|database)\b|"
        # 'have you seen kes?', 'ever seen paris, texas?': whether the bot knows it
        r"^(?:(?:have|did) (?:you|u|ya) |(?:you |u )?)ever (?:seen|watched|heard of)\b|"
        r"^(?:have|did) (?:you|u|ya) (?:seen|watched|heard of)\b|"
        # 'is goodfellas in there?', 'is heat on your list'
        r"^(?:is|are) (?!there\b).+ (?:in there|in here|on (?:the|your) list|on there)\s*\??$",
    ),
    (
        "year",
        r"\b(what|which) year\b|\bwhen (was|did|is|were)\b|\bhow old is\b|"
        r"\b(come|came) out\b|\breleased?\b|\bwhat decade\b|\bnewest\b|\boldest\b|"
        # 'what is the year of Casablanca?'
        r"\bthe year (?:of|for)\b|"
        # 'which of these is the most recent?'
        r"^(?:which|what)\b.*\b(?:most recent|latest|earliest)\b|"
        # 'is any of these newer?' asks about the picks ('something newer?' is a request)
        r"^(?:is|are|was|were|which)\b.*\b(?:newer|older|more recent)\b|"
        # 'is it old?', 'is the second one recent?' ('is there anything new?' is a request)
        r"^(?:is|was)\s+(?!there\b)(?:it|that|this|the \w+(?: one)?)\s+(?:(?:very|really|"
        r"pretty|super|too|kinda) )?(?:old|new|recent|dated)\s*\??$|"
        # 'are any of these from before 2000?', 'is the second one from the 90s?'
        r"^(?:is|are|was|were|which|any)\b.*\b(?:from|made|released)(?: in| before| after)?"
        r" (?:the )?(?:early |late |mid )?(?:\d{4}|'?\d0s|\d{4}s|(?:twen|thir|for|fif|six|seven|"
        r"eigh|nine)ties|two thousands|noughties)\b",
    ),
    (
        "runtime",
        r"\bhow long\b|\blength\b|\bruntime\b|\bduration\b|\bhow many (minutes|hours)\b|"
        r"\bshortest\b|\blongest\b|^(?:is|are|was|were|which)\b.*\b(?:shorter|longer)\b|"
        # 'any of those under 90 min?', 'are any of these over two hours?'
        r"^(?:(?:are|is) )?(?:any|which|none) (?:of )?(?:these|those|them|the three)\b.*"
        r"\b(?:under|over|less than|more than|shorter than|longer than|below|above)\b|"
        # 'is titanic long?', 'was it too long?' ('is there something short?' is a request)
        r"^(?:is|are|was|were|isn't|wasn't)\s+(?!there\b).*\b(?:long|short|lengthy)\b"
        r"(?!\s+(?:ago|time|story|stories)\b)|"
        # 'is the second one over two hours?', 'is it under 90 minutes?'
        r"^(?:is|are|was|were|isn't|wasn't|does|do|would)\s+(?!there\b).*\b(?:over|under|"
        r"more than|less than|longer than|shorter than|above|below|past|run|last)\s+"
        r"(?:an?|one|two|three|four|\d+(?:\.\d+)?)\s*(?:and a half\s+)?"
        r"(?:hours?|hrs?|h|minutes?|mins?)\b",
    ),
    (
        # 'is the first one in english?', 'is it subtitled?', 'what language is it in?'
        "language",
        r"\bwhat language\b|\bwhich language\b|^(?:is|was|are)\b.*\b(?:in (?:"
        # every language the catalogue's words name ('is the first one in persian?')
        + "|".join(sorted((w for w in LANGUAGE_WORDS if " " not in w), key=len, reverse=True))
        + r")|subtitled|dubbed|in another language|a foreign(?: language)? (?:film|movie|one))\b|"
        r"^(?:does|do)\b.*\bhave (?:english )?subtitles\b",
    ),
    (
        # 'is the second one british?', 'is it an american film?', 'where is it from?'
        "country",
        r"^(?:is|was|are|were)\b(?!.*\b(?:in|about|set in)\s+\w+\s*\??$).*\b(?:"
        + "|".join(sorted((w for w in COUNTRY_WORDS if w.isalpha()), key=len, reverse=True))
        + r")(?:\s+(?:film|movie|one|production|made))?\s*\??\s*$|"
        r"\bwhere (?:is|was) (?:it|that|this|that one|this one|the \w+(?: one)?) (?:from|made)\b|"
        r"\bwhat country\b|\bwhich country\b|^(?:is|was)\b.*\bmade in\b",
    ),
    (
        "availability",
        r"\bnetflix\b|\bstreaming\b|\bstream\b|\bavailable\b|\bwhere can i (watch|see|get)\b|"
        r"\bamazon\b|\bprime video\b|\bhulu\b|\bdisney\+|\bon tv\b|\bin cinemas?\b",
    ),
    (
        # 'did Carol win any awards?', 'how much did Avatar make?': facts no catalogue row holds
        "unrecorded",
        r"\bawards?\b|\boscars?\b|\bacademy awards?\b|\bnominat\w*|\bbox office\b|\bbudget\b|"
        r"\bhow much (?:did|does) (?:it|that|this|the \w+(?: one)?|[\w' -]+?) "
        r"(?:make|earn|gross|cost)\b|"
        r"\bgrossed\b",
    ),
    (
        "rating",
        r"\brated (?:r|pg|pg-?13|g|nc-?17)\b|\bage rating\b|\bmpaa\b|"
        # 'how many votes does Get Out have?': the rating's vote count
        r"\bvotes?\b|\bhow many (?:people|users|voters) (?:rated|voted|liked)\b|"
        r"\brat(ed|ing)\b|\bscore\b|\bhow good\b|\bworth (it|watching|seeing)\b|"
        r"\b(?:is|was) (?:it|that|this|that one|this one) (?:any )?(?:good|great|decent)\s*\?|"
        # 'is the first one good', 'is the last one actually any good?'
        r"^(?:is|was) (?:the (?:\w+ )?(?:one|film|movie|pick)) (?:actually |really |even )?"
        r"(?:any )?(?:good|great|decent|worth (?:it|watching|seeing))\s*\??$|"
        r"\breviews?\b|\bany good\b|\bhighest\b|\bbest of (these|them|those)\b|"
        # 'rocky or creed, which is better?': the two compared
        r"\bwhich(?: one| of them| of the two)? (?:is|was|'s|would be) (?:the )?(?:better|best)\b|"
        # 'is the dark knight rises as good as the dark knight?'
        r"^(?:is|was|are|were)\b.*\b(?:as good as|better than|worse than|any better)\b|"
        r"\bor\b.*\bwhich(?: one| of them| of the two)? should (?:i|we) (?:watch|pick|see|choose|"
        r"go with)\b",
    ),
    (
        "people",
        r"\bwho\b|\bdirect(ed|or)\b|\bstarring\b|\bcast\b|\bactors?\b|\bactress\b|"
        # 'did Kubrick direct Spartacus?', 'does Tom Hanks star in Big?': a person's part in it
        r"^(?:did|does|do)\s+(?!(?:you|u|ya|we|i|it|they|this|that|these|those|any)\b)\S.*?\s+"
        r"(?:direct|make|write|star in|act in|appear in|play in|produce|shoot|score|compose)\b|"
        # 'is Goodfellas by Scorsese?', 'was it directed by Spielberg?': who made it
        r"^(?:is|was)\s+(?!there\b)\S.*?\s(?:(?:directed|made|written|done) )?by\s+[a-z]",
    ),
    (
        "suitability",
        r"\bscary\b|\bfrightening\b|\bcreepy\b|\bhorror\b|\bgory\b|\bgore\b|"
        r"\bviolent\b|\bviolence\b|\bbloody\b|\b(for|with) (kids|children|a child|my)\b|"
        # 'does the first one have jump scares?', 'does the 3rd one have a lot of blood'
        # ('blood' only with a quantity: 'first blood' is a title)
        r"\bjump[\s-]?scares?\b|\b(?:a lot of|lots of|much|any|so much|too much) blood\b|"
        r"\bgraphic\b|\bdisturbing\b|\bnudity\b|"
        r"\bswearing\b|\bcursing\b|\bsex scenes?\b|\bbad language\b|\bprofanity\b|"
        r"\bswear ?words\b|\bstrong language\b|\bfoul language\b|"
        r"\bkid[\s-]?friendly\b|\bfamily[\s-]friendly\b|\bsuitable\b|\bappropriate\b|"
        r"\b(ok|okay|fine|alright|safe) for\b|\byear[\s-]olds?\b|"
        # 'how old do you have to be to watch Deadpool?', 'what age is it for?'
        r"\bhow old (?:do|does|should|must|would) (?:you|one|i|we|kids?|my \w+)\b|"
        r"\bwhat age\b|\bage (?:limit|restriction|range)\b|"
        # 'is inception good for a first date', 'would heat work for date night?'
        r"\b(?:good|great|right|work|a good (?:pick|choice|one)) for (?:a |an |the |my |our )?"
        r"(?:first date|date night|date|family night|(?:family )?movie night|sleepover|party|"
        r"kids?|teens?)\b|"
        r"\bsad\b|\bfunny\b|\bromantic\b|\bsexy?\b|\bexplicit\b|\bintense\b|\bdepressing\b|"
        r"\blight(?:er)? side\b|\blight-?hearted\b|\bfeel[\s-]?good\b|\buplifting\b|"
        # 'which one is the scariest?': the picks compared
        r"\b(?:scarier|gorier|funnier|sadder|creepier|bloodier|more (?:violent|romantic|"
        r"intense|depressing|disturbing|kid[\s-]friendly|family[\s-]friendly))\b|"
        r"\b(?:scariest|goriest|funniest|saddest|creepiest|bloodiest|most (?:violent|romantic|"
        r"intense|depressing|disturbing))\b",
    ),
    (
        # 'does anyone die in it?', 'does the dog die?', 'is there a happy ending?': the story
        "plot",
        r"^(?:does|do|did) (?:any ?one|any ?body|the \w+|he|she|they) (?:die|dies|get killed)\b|"
        r"\bhappy ending\b|\bsad ending\b|\bhow does it end\b",
    ),
    (
        # 'is there a sequel?', 'any sequels to it?', 'what comes after it?': its series
        "series",
        r"^(?:is|are) there (?:an?|any) (?:sequels?|prequels?|follow[\s-]?ups?)\b|"
        r"^any (?:sequels?|prequels?|follow[\s-]?ups?)\b|"
        r"\b(?:does|did) (?:it|that|this|that one|this one|the \w+(?: one)?) (?:have|get) "
        r"(?:an?|any) (?:sequels?|prequels?|follow[\s-]?ups?)\b|"
        r"\bother (?:films?|movies?|parts?) in (?:the|its|that) (?:series|franchise)\b|"
        r"\bwhat (?:comes|came) (?:after|before) (?:it|that|this)\b",
    ),
    (
        "genre",
        r"\b(what|which) (kind|sort|type|genre)\b|\bgenres?\b|\bis (it|that) an? "
        r"(comedy|drama|thriller|documentary|cartoon|animated|musical|western)\b|\banimated\b|"
        r"^(is|was|are) .+ an? [\w\s'-]+ (movie|film|flick|one)\b|black and white|\bsilent\b|"
        r"^(?:is|was) (?!there\b).+ an? [\w'-]+(?: [\w'-]+)?\s*\??$|"
        # 'is the second one found footage', 'is it stop motion?': a kind said without 'a'
        r"^(?:is|was) (?:it|that|this|that one|this one|the (?:\w+ )?(?:one|film|movie|pick))"
        r" (?:really |actually |also )?(?!(?:too|so|very|that|this|quite|pretty|a|an|the|any|"
        r"ok|okay|alright|fine|worth|much|more|less)\b)[\w'-]+(?: [\w'-]+)?\s*\??$|"
        r"^(?:are )?any of (?:these|those|them|the three) an? [\w'-]+(?: [\w'-]+)?\s*\?$|"
        r"^(?:are|were) (?:these|those|they)(?: all)? [\w'-]+s\s*\?$|"
        r"\bin colou?r\b|\ban? (sequel|prequel|remake|true story)\b|\bbased on\b|"
        # 'would you call Chinatown neo-noir?', 'does Alien count as horror?': its kind asked
        r"^would you (?:call|class|classify|consider|count|describe|label) |"
        r"\bcounts? as (?:an? )?[\w-]+|\bqualif(?:y|ies) as\b",
    ),
    (
        "plot",
        r"^tell me (more )?about\b(?!\s+(?:films?|movies?|some|any|other|something|anything)\b)|"
        r"\babout\b|\bplot\b|\bstory\b|\bwhat happens\b|\bsynopsis\b|"
        r"\bwhat is (it|that|this)\b|\bwhat's (it|that|this)\b|\bdescribe\b|\bsummar|"
        # 'ever heard of Primer?', 'have you heard of Coherence?': the bot is asked about a
        # film; what it is about is the answer ('have you seen X?' asks for films like it)
        r"^(?:have you |did you )?(?:ever )?heard of\b",
    ),
)
# people one watches with: they say who is watching, not what the film is about
_WATCHER_NOUNS = _words(
    "wife husband girlfriend boyfriend partner spouse friend date mate buddy family "
    "kid child son daughter mom mum dad parent mother father folk "
    "grandmother grandfather grandparent grandma granny grandpa nephew niece toddler baby "
    "brother sister sibling roommate flatmate housemate colleague coworker co-worker class "
    "student cousin aunt uncle in-law neighbour neighbor fiance fiancee bestie bff gf bf hubby "
    "wifey guest gang crew squad group team mates teen teenager tween bro sis stepson stepdaughter "
    # groups of young people a teacher or leader brings ('my cub scouts, they're 8 to 10')
    "pupil scout cub brownie camper troop"
)
# people the user watches with ('my sisters are over tonight'): who watches, never a topic
WATCHERS = (
    _WATCHER_NOUNS
    | {f"{w}s" for w in _WATCHER_NOUNS}
    | _words("children buddies families grandchildren grandkids people adults grown-ups grownups")
    | _words("teenage")
)


# set phrases that frame a message and say nothing about films ('all signs point to me needing
# a comedy'): removed before parsing unless the catalogue has one as a title
DISCOURSE_IDIOMS = (
    "to make a long story short", "long story short", "all signs point to", "all signs point",
    "at the end of the day", "when all is said and done", "to be honest", "if i'm honest",
    "truth be told", "for what it's worth", "needless to say", "by the way", "in a nutshell",
    "believe it or not", "as luck would have it", "off the top of my head", "for the record",
    "if you ask me", "all in all", "the elephant in the room", "elephant in the room",
    "for my money", "in my book", "hot take", "unpopular opinion", "hear me out",
    "don't get me wrong", "call me crazy", "to be fair", "the thing is", "last but not least",
    "in that register", "in the same register", "in a similar register",
    "first things first",
    # contrast said between a title and its verdict: 'edge of tomorrow on the other hand is
    # underrated' (each clause carries its own verdict)
    "on the other hand", "on the flip side", "by contrast", "in contrast",
    "in other words", "as it turns out", "no rush", "no hurry", "no pressure", "no worries",
    "no biggie", "no big deal", "thanks in advance", "thank you in advance", "thx in advance",
    "ty in advance", "much appreciated", "any help appreciated", "any help is appreciated",
    # who watches, not what the film is about: 'im watching alone tonight, feeling down'
    "if possible", "where possible", "if you can", "if at all possible",
    "watching alone", "watch alone", "watching it alone", "on my own tonight", "by myself",
    # intensifiers: 'bored my kids to death', 'scared to death', 'a heist gone wrong'
    "to death", "gone wrong", "went wrong",
    # 'my sister said to ask a chatbot, so here I am': where the user is, no I Am (2010)
    "so here i am", "and here i am", "so here we are", "and here we are",
    # 'stuck at the airport, need something to kill time': how long, no killing
    "to kill time", "kill some time", "to kill some time", "to pass the time", "pass the time",
    # chat slang for 'honestly': 'a feel-good flick, no cap'
    "no cap", "fr fr", "low key", "high key",
    # what a question about a film opens with: "what's the deal with the sting, is it a comedy"
    "what's the deal with", "whats the deal with", "what is the deal with",
    # a change of plans is said, not wished for: 'change of plan, something scary'
    "change of plans", "change of plan", "new plan", "plan b", "plans changed",
    "on second thought", "on second thoughts", "second thoughts",
    # who is to be pleased, not a mood: 'something to keep both happy'
    "keep both happy", "keep both of us happy", "keep everyone happy", "keep everybody happy",
    "keep them happy", "keep us happy", "make everyone happy", "make everybody happy",
    # who is watching and how, no topic: 'they're both hard of hearing', 'in that spirit'
    "hard of hearing", "in that spirit", "in the same spirit", "in that vein",
    "along those lines", "along these lines",
    # space for one more, no film Room (2015): 'is there room for another music biopic?'
    "is there room for", "there's room for", "theres room for", "there is room for",
    "make room for", "leave room for", "room for one more",
    # how widely a taste holds, no topic: "I'm not into sci-fi in general, but ..."
    "in general", "as a rule", "on the whole", "by and large", "for the most part",
    # a verdict taken back, no Who Am I (2014): "it wasn't bad. who am I kidding, it was bad"
    "who am i kidding", "who are we kidding", "who am i fooling", "who are we fooling",
)  # fmt: skip

# a change of mind: a new value of a facet said with it replaces the values wished for before
# ('actually make it italian', 'something uplifting instead', 'scratch that, a western')
CHANGE_OF_MIND = re.compile(
    r"\b(?:actually|instead|rather|make it|change of plans?|on second thoughts?|scratch that|"
    r"scrap that|forget that|"
    r"no wait|wait,? no|changed my mind|change my mind|i meant|i mean|i said|i asked for|"
    r"(?:go|going|let's go|get) back to|^(?:\W*\w+\W+){0,3}?back to)\b"
)

# a message asks for other picks than those on screen ('more please', 'what else?', 'show me
# others', 'something different', 'new ones'): feedback beside it does not keep the other picks
# in place (chatbot.turn_policy)
MORE_PICKS = re.compile(
    r"\b(?:more|else|others?|another|alternatives?|different|new ones?|other ones?|next)\b"
)

# 'last night', 'last week': a time after the name, not a word of it
TIMES_AFTER_LAST = _words(
    "night week weekend month year time summer winter spring autumn fall sunday monday tuesday "
    "wednesday thursday friday saturday christmas"
)
# parts and kinds of films and everyday things one loves or watches ('the sad ending', 'the car
# chases', 'the football game'): never a film's name
NOT_A_FILM_NAME = _words(
    """ending end beginning start opening plot story storyline acting actor actors actress cast
    character characters music soundtrack score song songs visuals effects cinematography script
    dialogue dialog jokes joke humor humour twist twists pacing pace action scene scenes fight
    fights costumes sets setting animation voice voices message book books novel series sequel
    prequel original remake reboot trilogy franchise movie movies film films show shows episode
    episodes season seasons one ones part parts version cut trailer trailers premiere cinema
    theatre theater game games match concert weather food day night weekend trip holiday party
    date beach park news documentary documentaries thing things stuff bit way world idea
    direction director performance performances chemistry romance vibe vibes atmosphere tone
    look style colours colors photography shots camera editing"""
)
# parts of a film a user judges ('the acting was awful', 'the special effects in avatar were
# amazing'): after 'the' / 'its' they name that film's part, never a topic to search for
JUDGED_PARTS = frozenset(
    ("ending", "endings", "beginning", "opening", "plot", "story", "storyline", "acting")
    + ("cast", "soundtrack", "score", "music", "visuals", "effects", "cinematography", "script")
    + ("writing", "dialogue", "dialog", "jokes", "humor", "humour", "twist", "pacing", "pace")
    + ("characters", "character", "villain", "performances", "performance", "direction")
    + ("editing", "chemistry", "atmosphere", "tone", "cgi", "sfx", "fx", "costumes", "sets")
    + ("animation", "songs", "lead", "leads", "camerawork", "photography", "middle", "runtime")
)
