"""Languages and countries: one table of codes, display names, adjectives and the words people
use for them, read by the catalogue builder (composed descriptions), the interest state (belief
labels) and understanding ("French films", "from Japan").

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
    """A spoken language: code, English name, request words."""

    code: str
    name: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    """A production country: code, name as used in a sentence ("made in the US"), nationality
    adjective ("American"), request words."""

    code: str
    name: str
    adjective: str
    words: tuple[str, ...] = ()


def _languages(text: str) -> tuple[Language, ...]:
    """'fr=French:french|...' -> Language rows (words after ':' separated by ',')."""
    rows = []
    for row in text.split("|"):
        head, _, words = row.strip().partition(":")
        code, name = head.split("=")
        rows.append(Language(code, name, tuple(w for w in words.split(",") if w)))
    return tuple(rows)


def _countries(text: str) -> tuple[Country, ...]:
    """'FR=France=French:french,france|...' -> Country rows."""
    rows = []
    for row in text.split("|"):
        head, _, words = row.strip().partition(":")
        code, name, adjective = head.split("=")
        rows.append(Country(code, name, adjective, tuple(w for w in words.split(",") if w)))
    return tuple(rows)


LANGUAGES = _languages(
    "en=English:english|de=German:german|fr=French:french|it=Italian:italian|"
    "ja=Japanese:japanese|es=Spanish:spanish|zh=Chinese:chinese,mandarin|ru=Russian:russian|"
    "ko=Korean:korean|sv=Swedish:swedish|da=Danish:danish|no=Norwegian:norwegian|"
    "fi=Finnish:finnish|nl=Dutch:dutch|pt=Portuguese:portuguese|pl=Polish:polish|"
    "cs=Czech:czech|hi=Hindi:hindi|tr=Turkish:turkish|fa=Persian:persian,farsi|el=Greek:greek|"
    "hu=Hungarian:hungarian|he=Hebrew|ar=Arabic:arabic|th=Thai:thai|cn=Cantonese:cantonese|"
    "is=Icelandic|ro=Romanian"
)
COUNTRIES = _countries(
    "US=the US=American:american,usa,america|"
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

# code -> English name ("fr" -> "French")
LANGUAGE_NAMES: dict[str, str] = {lang.code: lang.name for lang in LANGUAGES}
# request word -> language code ("farsi" -> "fa")
LANGUAGE_WORDS: dict[str, str] = {w: lang.code for lang in LANGUAGES for w in lang.words}
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
