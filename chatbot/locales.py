"""Languages and countries: one table of codes, display names, adjectives and the words people
use for them, read by the catalogue builder (composed descriptions), the interest state (belief
labels) and understanding ("French films", "from Japan"; which languages detection tells apart).

Codes are those of the catalogue's `language` (ISO 639-1, plus omdb.org's "cn" for Cantonese) and
`country` facets (ISO 3166-1 alpha-2, plus historical ones omdb.org uses: SU, XG/DD, CS, YU).
`words` are lower-case phrases that name the language or country in a request; a country's words
include its nationality adjective ("french" -> FR) because "French films" are made in France.
Common words are left out on purpose ("us" is not the USA).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A spoken language.

    code: the catalogue's `language` facet code ("fr"); name: English name ("French"); words:
    lower-case request words ("french"); detect: the ISO 639-1 code language detection (lingua)
    reports for it ("nb" for Norwegian), None where detection does not tell it apart; named: in
    `LANGUAGE_NAMES` (catalogue descriptions, belief labels), False for the languages only
    detection reads (adding them must not change the built catalogue's descriptions).
    """

    code: str
    name: str
    words: tuple[str, ...] = ()
    detect: str | None = None
    named: bool = True


@dataclass(frozen=True)
class Country:
    """A production country: code, name as used in a sentence ("made in the US"), nationality
    adjective ("American"), request words."""

    code: str
    name: str
    adjective: str
    words: tuple[str, ...] = ()


def _languages(text: str, *, named: bool = True) -> tuple[Language, ...]:
    """'fr=French=fr:french|fa=Persian=:persian,farsi|...' -> Language rows: code, English name,
    detection code (empty: detection does not tell it apart), request words after ':'."""
    rows = []
    for row in text.split("|"):
        head, _, words = row.strip().partition(":")
        code, name, detect = head.split("=")
        split = tuple(w for w in words.split(",") if w)
        rows.append(Language(code, name, split, detect or None, named))
    return tuple(rows)


def _countries(text: str) -> tuple[Country, ...]:
    """'FR=France=French:french,france|...' -> Country rows."""
    rows = []
    for row in text.split("|"):
        head, _, words = row.strip().partition(":")
        code, name, adjective = head.split("=")
        rows.append(Country(code, name, adjective, tuple(w for w in words.split(",") if w)))
    return tuple(rows)


LANGUAGES: tuple[Language, ...] = (
    *_languages(
        "en=English=en:english|de=German=de:german|fr=French=fr:french|it=Italian=it:italian|"
        "ja=Japanese=ja:japanese|es=Spanish=es:spanish|zh=Chinese=zh:chinese,mandarin|"
        "ru=Russian=ru:russian|ko=Korean=ko:korean|sv=Swedish=sv:swedish|da=Danish=da:danish|"
        "no=Norwegian=nb:norwegian|fi=Finnish=fi:finnish|nl=Dutch=nl:dutch|"
        "pt=Portuguese=pt:portuguese|pl=Polish=pl:polish|cs=Czech=cs:czech|hi=Hindi=hi:hindi|"
        "tr=Turkish=tr:turkish|fa=Persian=:persian,farsi|el=Greek=el:greek|"
        "hu=Hungarian=hu:hungarian|he=Hebrew=he|ar=Arabic=ar:arabic|th=Thai=th:thai|"
        "cn=Cantonese=:cantonese|is=Icelandic=|ro=Romanian=ro"
    ),
    # languages the movie catalogue holds films in, asked for by name ('tamil films'); not
    # used by language detection (its set of candidates stays as it was)
    *_languages(
        "bn=Bengali=:bengali,bangla|ur=Urdu=:urdu|ta=Tamil=:tamil|te=Telugu=:telugu|"
        "mr=Marathi=:marathi|pa=Punjabi=:punjabi|ml=Malayalam=:malayalam|yi=Yiddish=:yiddish|"
        "sw=Swahili=:swahili|af=Afrikaans=:afrikaans|ca=Catalan=:catalan|ku=Kurdish=:kurdish|"
        "ne=Nepali=:nepali|tl=Tagalog=:tagalog,filipino|bg=Bulgarian=:bulgarian|"
        "sr=Serbian=:serbian|hr=Croatian=:croatian|sl=Slovenian=:slovenian|"
        "hy=Armenian=:armenian|sq=Albanian=:albanian|et=Estonian=:estonian|km=Khmer=:khmer|"
        "cy=Welsh=:welsh|bs=Bosnian=:bosnian|bo=Tibetan=:tibetan|mi=Maori=:maori|"
        "xh=Xhosa=:xhosa|wo=Wolof=:wolof|lt=Lithuanian=:lithuanian|lv=Latvian=:latvian|"
        "sk=Slovak=:slovak|mk=Macedonian=:macedonian|ka=Georgian=:georgian|mn=Mongolian=:mongolian"
    ),
    *_languages("id=Indonesian=id:indonesian|vi=Vietnamese=vi:vietnamese"),
    # read by language detection only (a message in Ukrainian is answered in English)
    *_languages("uk=Ukrainian=uk", named=False),
)
COUNTRIES = _countries(
    "US=the US=American:american,usa,america,the us,the states|"
    "GB=the UK=British:english,british,uk,britain,england|"
    "DE=Germany=German:german,germany|FR=France=French:french,france|"
    "IT=Italy=Italian:italian,italy|CA=Canada=Canadian:canadian,canada|"
    "JP=Japan=Japanese:japanese,japan|ES=Spain=Spanish:spanish,spain|"
    "AU=Australia=Australian:australian,australia|IN=India=Indian:indian,bollywood,india|"
    "KR=South Korea=South Korean:korean,south korea,korea|CN=China=Chinese:chinese,china|"
    "HK=Hong Kong=Hong Kong:hong kong|SE=Sweden=Swedish:swedish,sweden|"
    "DK=Denmark=Danish:danish,denmark|NO=Norway=Norwegian:norwegian,norway|"
    "FI=Finland=Finnish:finnish,finland|NL=the Netherlands=Dutch:dutch,netherlands,holland|"
    "BE=Belgium=Belgian:belgium|AT=Austria=Austrian|CH=Switzerland=Swiss|"
    "MX=Mexico=Mexican:mexican,mexico|BR=Brazil=Brazilian:brazilian,brazil|"
    "AR=Argentina=Argentine:argentina|RU=Russia=Russian:russian,russia|"
    "SU=the Soviet Union=Soviet|PL=Poland=Polish:polish,poland|CZ=Czechia=Czech|"
    "IE=Ireland=Irish:irish,ireland|NZ=New Zealand=New Zealand:new zealand|"
    "IR=Iran=Iranian:iranian,persian,iran|TR=Turkey=Turkish:turkish|GR=Greece=Greek:greek|"
    "HU=Hungary=Hungarian|PT=Portugal=Portuguese|ZA=South Africa=South African|"
    "IL=Israel=Israeli|TW=Taiwan=Taiwanese|TH=Thailand=Thai|XG=East Germany=East German|"
    "DD=East Germany=East German|IS=Iceland=Icelandic|RO=Romania=Romanian|"
    "CS=Czechoslovakia=Czechoslovak|YU=Yugoslavia=Yugoslav"
)

# language -> the countries whose own films are in it ('a film in Spanish' is a film of one of
# these that lists Spanish, not an American one dubbed into it); languages not listed here are
# told by the film's languages alone
LANGUAGE_HOMES: dict[str, frozenset[str]] = {
    code: frozenset(countries.split())
    for code, countries in (
        ("es", "ES MX AR CO CL PE CU VE UY BO EC"),
        ("fr", "FR BE CH CA"),
        ("de", "DE AT CH XG DD"),
        ("it", "IT CH"),
        ("pt", "PT BR"),
        ("zh", "CN HK TW"),
        ("cn", "HK CN"),
        ("ja", "JP"),
        ("ko", "KR"),
        ("hi", "IN"),
        ("ru", "RU SU"),
        ("sv", "SE FI"),
        ("da", "DK"),
        ("no", "NO"),
        ("fi", "FI"),
        ("nl", "NL BE"),
        ("pl", "PL"),
        ("cs", "CZ CS"),
        ("tr", "TR"),
        ("fa", "IR"),
        ("el", "GR"),
        ("hu", "HU"),
        ("he", "IL"),
        ("th", "TH"),
        ("is", "IS"),
        ("ro", "RO"),
    )
}

# code -> English name ("fr" -> "French")
LANGUAGE_NAMES: dict[str, str] = {lang.code: lang.name for lang in LANGUAGES if lang.named}
# request word -> language code ("farsi" -> "fa")
LANGUAGE_WORDS: dict[str, str] = {w: lang.code for lang in LANGUAGES for w in lang.words}
# detection code -> English name ("nb" -> "Norwegian"), the languages detection tells apart
DETECTED_NAMES: dict[str, str] = {lang.detect: lang.name for lang in LANGUAGES if lang.detect}
# code -> name in a sentence ("GB" -> "the UK")
COUNTRY_NAMES: dict[str, str] = {c.code: c.name for c in COUNTRIES}
# code -> nationality adjective ("KR" -> "South Korean")
COUNTRY_ADJECTIVES: dict[str, str] = {c.code: c.adjective for c in COUNTRIES}
# request word -> country code ("holland" -> "NL")
COUNTRY_WORDS: dict[str, str] = {w: c.code for c in COUNTRIES for w in c.words}


# decade names -> first year ('the nineties' -> 1990); read by understanding and the writing checks
DECADE_WORDS: dict[str, int] = {
    "twenties": 1920,
    "thirties": 1930,
    "forties": 1940,
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
}
