#!/usr/bin/env python3
"""gen_corpus.py -- writes a synthetic corpus of news-like articles for the bench.

WHAT
    A JSONL file in the ../shared/eval docs.jsonl format, one article a line:
        {"id": "gen-<seed>-<n>", "text": "...", "dct": "YYYY-MM-DD"}
    sized by --mb (megabytes of article text, 10^6 UTF-8 bytes, default 50).

HOW
    Every article is built from one random "story": a topic (politics, business,
    courts, sport, weather, health, science, culture), a cast of people with
    titles and affiliations, places, organisations, a publication date and a
    set of events with dates relative to it.  Paragraphs come from templates
    per topic that mix plain reporting, direct quotes (curly or straight marks,
    attribution before, after or around the quote, partial quotes, multi-
    paragraph quotes), dates in many forms (absolute, relative, weekdays,
    durations, quarters) and numbers.  Names are drawn from vocabularies of
    first names, surnames, places and organisation parts written for this
    project (no text from any corpus).  Everything is driven by one seeded
    random.Random, so a given --seed and --mb give the same bytes every time;
    a set of text hashes guarantees that no article repeats.

    Stdlib only; about 10 s for 50 MB on one core.
"""
import argparse
import datetime
import hashlib
import json
import random
import sys

# ------------------------------------------------------------ vocabularies
FIRST = """Maria James Aisha Tomasz Priya Daniel Olena Kwame Sofia Hiroshi Fatima
Liam Chloe Mateo Ingrid Rahul Nadia Pedro Hannah Omar Elena Samuel Grace Viktor
Amara Jonas Leila Marcus Yuki Beatriz Felix Zainab Andre Ruth Dmitri Carmen Kofi
Astrid Nikhil Rosa Ibrahim Claire Tariq Julia Emeka Marta Lucas Noor Patrick Ines
Sven Adaeze Gabriel Mei Rafael Helen Yusuf Alice Bogdan Lucia Thomas Ama Kenji
Isabel Arjun Eva Hassan Laura Diego Wanjiru Oscar Simone Mohammed Anna Bruno""".split()
LAST = """Okafor Lindqvist Moreau Castellanos Nakamura Brennan Kowalczyk Haddad
Achebe Varga Fitzgerald Oyelaran Marchetti Sorensen Delacroix Mensah Petrov Ruiz
Takahashi Whitfield Abubakar Novak Calloway Ferreira Ivanova Quintero Holloway
Mwangi Bergstrom Kaplan Osei Duarte Thornton Salazar Yilmaz Eriksen Banerjee Voss
Adeyemi Kessler Romano Lachance Gallagher Okonkwo Strand Pereira Nilsen Farouk
Hartmann Cho Mbeki Aldana Pacheco Lindgren Morales Dubois Keller Asante Jovanovic
Reyes Sato Rahman Fischer Hughes Nwosu Carvalho Sandoval Hale Vasquez Moretti""".split()
CITY_LIST = []
for line in """Northbridge|Port Alder|Lakeshore|Kestrel Bay|Ravenford|Eastmere|Solano
Valdera|Marrowby|Greywater|Brightstone|Halden|Corvallo|Tarrow|Ashcombe|Millbrook
Santa Elora|Ostrava|Kinross|Belmarsh|Redcliffe|Fairhaven|Linden Vale|Caldera
Westport|Dunmore|Harrowgate|Silverton|Pinecrest|Stonehaven|Riverside|New Carrick
San Teodoro|Bellmouth|Amberley|Old Harbour|Kingsford|Marwick|Tessaly""".splitlines():
    CITY_LIST.extend(line.split("|"))
COUNTRIES = """France|Germany|Japan|Brazil|Nigeria|India|Canada|Mexico|Kenya|Poland
Sweden|Egypt|Indonesia|Argentina|Spain|Italy|Ghana|Vietnam|Chile|Turkey|Norway
South Africa|the United States|the United Kingdom|Australia|South Korea|Ukraine""".replace("\n", "|").split("|")
REGIONS = """the northern provinces|the coastal region|the capital|the border area
|the river valley|the western districts|the highlands|the industrial belt""".replace("\n", "").split("|")
ORG_HEAD = """Northbridge|Eastmere|Greywater|Halden|Kestrel|Solano|Brightstone|Tarrow
|Ashcombe|Meridian|Atlas|Harbor|Summit|Pioneer|Crescent|Evergreen|Granite|Beacon
|Silverline|Bluewater|Ironwood|Orion|Vantage|Keystone""".replace("\n", "").split("|")
ORG_TAIL = """Holdings|Energy|Bank|Motors|Pharmaceuticals|Telecom|Airlines|Foods
|Logistics|Capital|Mining|Steel|Insurance|Systems|Media Group|Shipping|Chemicals
|Retail|Health|Robotics""".replace("\n", "").split("|")
PUBLIC_ORGS = """the Ministry of Finance|the Central Bank|the Supreme Court|the Senate
|the Health Ministry|the National Weather Service|the Electoral Commission
|the Transport Authority|the Competition Authority|the United Nations|the World Bank
|the International Monetary Fund|the European Commission|the city council
|the Federal Reserve|the Environment Agency|the Football Association
|the National Statistics Office|the Ministry of Defence|the Coast Guard""".replace("\n", "").split("|")
PARTIES = """the Progressive Party|the National Alliance|the Green Union|the Liberal Democrats
|the Workers' Party|the Conservative Bloc|the Civic Front""".replace("\n", "").split("|")
TEAMS_A = ["FC", "United", "Rovers", "Athletic", "City", "Wanderers", "Rangers"]
TITLES_POL = ["President", "Prime Minister", "Senator", "Sen.", "Gov.", "Governor", "Mayor",
              "Finance Minister", "Foreign Minister", "Rep.", "Defence Minister",
              "opposition leader", "Deputy Mayor", "Health Minister"]
TITLES_BIZ = ["chief executive", "chief financial officer", "chairman", "chairwoman",
              "analyst", "economist", "spokesman", "spokeswoman", "founder",
              "head of research", "managing director"]
TITLES_GEN = ["Dr.", "Professor", "Judge", "Detective", "Coach", "Captain", "Mr.", "Ms.",
              "Mrs.", "Gen.", "Lt.", "Insp.", "Prof."]
SAY = ["said", "said", "said", "told reporters", "added", "warned", "explained", "argued",
       "insisted", "noted", "stressed", "acknowledged", "declared", "wrote", "told the BBC",
       "said in a statement", "claimed", "conceded", "asked", "replied", "recalled"]
SAY_PRES = ["says", "says", "adds", "warns", "insists", "argues"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
            "Nov.", "Dec."]
NUMWORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
            "dozens of", "hundreds of", "a dozen"]
UNITS = ["percent", "per cent", "%"]

# phrase banks for the bodies of quotes and reports, per topic
QUOTE_BITS = {
    "politics": [
        "We will not accept a budget that leaves families behind",
        "This is a turning point for the whole country",
        "The vote shows that people want change, and they want it now",
        "I have always said that we need a serious debate about taxes",
        "Nobody in this building believes the deal will survive the summer",
        "We are ready to talk, but not under these conditions",
        "The opposition has offered no plan of its own",
        "Our priority is to get the reform through parliament before the recess",
        "It was a difficult decision, but it was the right one",
        "Voters deserve a straight answer",
    ],
    "business": [
        "Demand has been stronger than we expected",
        "We see the second half of the year as a period of consolidation",
        "The merger makes sense for shareholders and for customers",
        "Margins are under pressure from higher energy costs",
        "We are not planning any further job cuts",
        "Investors are nervous, and you can see it in the bond market",
        "This is the best quarter in the company's history",
        "The board is fully behind the strategy",
        "Prices will keep rising until supply catches up",
        "We have enough cash to ride out a long downturn",
    ],
    "courts": [
        "The evidence simply does not support the charges",
        "My client will appeal the verdict",
        "Justice has finally been done for the victims",
        "The court cannot ignore the clear wording of the law",
        "We are reviewing the judgment carefully",
        "This case was never about money",
        "The investigation is continuing and more arrests are possible",
    ],
    "sport": [
        "We played with real character in the second half",
        "The lads gave everything and I could not ask for more",
        "It is a dream come true to win here",
        "We have to learn from this defeat quickly",
        "The referee made a couple of big calls against us",
        "I feel fitter than I have in years",
        "Nobody expected us to be top of the table at Christmas",
    ],
    "weather": [
        "People should stay away from the river banks",
        "We have not seen rainfall like this in fifty years",
        "The clean-up will take weeks, possibly months",
        "Crews are working around the clock to restore power",
        "If you do not need to travel, stay at home",
    ],
    "health": [
        "The new clinic will cut waiting times dramatically",
        "We are seeing more cases among younger adults",
        "Vaccination remains the best protection",
        "Hospitals are stretched, but they are coping",
        "The trial results are encouraging but preliminary",
    ],
    "science": [
        "This is the clearest signal we have ever recorded",
        "The data surprised everyone on the team",
        "We still do not understand why the ice is melting so fast",
        "It could take a decade before the technology is ready",
        "Funding cuts would set the programme back by years",
    ],
    "culture": [
        "The film is about memory and what we choose to forget",
        "I wrote most of the album in a small flat above a bakery",
        "Audiences have come back faster than we dared to hope",
        "The museum belongs to everyone in this city",
        "It is the role I have been waiting for my whole career",
    ],
}
REPORT_BITS = {
    "politics": [
        "The bill passed by {n} votes to {m} after a debate that lasted {dur}.",
        "{party} has led in opinion polls since {absdate}.",
        "The coalition agreement, signed {reldate}, commits the government to cutting the deficit to {pct} of output.",
        "Turnout in {city} was {pct}, the highest since {year}.",
        "Talks between {party} and {party2} broke down {reldate} over pension reform.",
        "The cabinet is expected to meet again {futdate} to discuss the proposals.",
        "{org} said it would publish its own assessment {futdate}.",
        "Protesters gathered outside the parliament building in {city} {reldate}.",
    ],
    "business": [
        "Shares in {company} rose {pct} in early trading {reldate}.",
        "{company} reported a net profit of {money} for the {quarter}, up from {money2} a year earlier.",
        "The company employs about {bign} people, most of them in {country}.",
        "{company} agreed {reldate} to buy {company2} for {money}.",
        "Revenue fell {pct} to {money} in the three months to {absdate_nm}.",
        "{org} raised its benchmark interest rate to {rate} {reldate}, its {ord} increase since {year}.",
        "Analysts polled by {company3} had expected earnings of {cents} a share.",
        "The deal is expected to close {futdate}, subject to approval by {org}.",
    ],
    "courts": [
        "The trial at {city} Crown Court began {reldate} and is expected to last {dur}.",
        "{person_full}, {age}, denies all charges.",
        "The jury retired to consider its verdict {reldate}.",
        "Sentencing has been set for {absdate}.",
        "Police arrested {nw} people in raids across {city} {reldate}.",
        "The appeal will be heard by {org} {futdate}.",
        "The offences are alleged to have taken place between {year} and {year2}.",
    ],
    "sport": [
        "{team} beat {team2} {score} at home {reldate}.",
        "{person_full} scored twice in the {minute}th and {minute2}th minutes.",
        "The result leaves {team} {nth} in the table, {n} points behind the leaders.",
        "The final will be played in {city} on {absdate}.",
        "{person_full} signed a {n}-year contract worth a reported {money}.",
        "The {age}-year-old has not played since injuring a knee in {month}.",
        "{team} travel to {city} {futdate}.",
    ],
    "weather": [
        "More than {bign} homes were without power in {region} {reldate}.",
        "{org} issued a red warning for {region}, valid until {futdate}.",
        "Up to {mm} millimetres of rain fell in {dur} in parts of {city}.",
        "Temperatures reached {deg} degrees in {city} {reldate}, a record for {month}.",
        "Schools in {city} will remain closed until {weekday}.",
        "Flights from {city} were cancelled for a {nth} day {reldate}.",
    ],
    "health": [
        "{org} recorded {bign} new cases in the week to {absdate_nm}.",
        "The hospital in {city} has postponed {bign} operations since {month}.",
        "The vaccine will be offered to everyone over {age} from {futdate}.",
        "Waiting lists grew by {pct} in {year}, according to {org}.",
        "A study of {bign} patients, published {reldate}, found a {pct} reduction in risk.",
    ],
    "science": [
        "The probe was launched in {year} and reached orbit {dur} later.",
        "The results were published {reldate} in a peer-reviewed journal.",
        "Researchers at the University of {city} analysed samples collected between {year} and {year2}.",
        "The telescope will begin observations {futdate}.",
        "{org} has set aside {money} for the project over {n} years.",
    ],
    "culture": [
        "The festival in {city} runs until {absdate} and expects {bign} visitors.",
        "The exhibition opened {reldate} and has already sold {bign} tickets.",
        "The novel, first published in {year}, has been translated into {n} languages.",
        "Filming begins in {city} {futdate}.",
        "The album went straight to number one {reldate}.",
    ],
}
HEADLINE = {
    "politics": ["{surname} wins vote on {thing}", "{party_cap} split over {thing}",
                 "{city} votes as {surname} calls for calm", "Government defends {thing} plan"],
    "business": ["{company} profit jumps on strong demand", "{company} to cut jobs in {country}",
                 "Markets slide as rate fears grow", "{company} agrees takeover of {company2}"],
    "courts": ["{surname} found guilty of fraud", "Court rejects appeal in {city} case",
               "Trial of {surname} opens in {city}"],
    "sport": ["{team} edge past {team2}", "{surname} leads {team} to victory",
              "Injury blow for {team} ahead of final"],
    "weather": ["Storm brings flooding to {city}", "Heatwave breaks records in {region_cap}",
                "Snow closes roads across {region_cap}"],
    "health": ["{city} hospital waiting lists grow", "New {thing} programme launched",
               "Cases rise among young adults"],
    "science": ["Probe sends first images from orbit", "Scientists in {city} report breakthrough",
                "Ice loss faster than expected, study finds"],
    "culture": ["{surname} film opens {city} festival", "Museum in {city} reopens",
                "{surname} album tops the charts"],
}
THINGS = ["pension reform", "the budget", "tax cuts", "rail strike", "housing", "energy prices",
          "migration", "the trade deal", "school funding", "health spending", "climate targets"]
TOPICS = list(QUOTE_BITS)


def lc_the(s):
    """Lower-cases a leading "The " so a sentence can follow "that"."""
    return "the " + s[4:] if s.startswith("The ") else s


class Story:
    """One article's cast and calendar; every sampler draws from self.r."""

    def __init__(self, r: random.Random, dct: datetime.date):
        self.r = r
        self.dct = dct
        self.topic = r.choice(TOPICS)
        self.people = [self.new_person() for _ in range(r.randint(2, 5))]
        self.city = r.choice(CITY_LIST)
        self.country = r.choice(COUNTRIES)
        self.company = self.new_company()

    def new_person(self):
        r = self.r
        first, last = r.choice(FIRST), r.choice(LAST)
        if self.topic == "politics":
            title = r.choice(TITLES_POL)
        elif self.topic == "business":
            title = r.choice(TITLES_BIZ)
        else:
            title = r.choice(TITLES_GEN + TITLES_BIZ[:4])
        female = r.random() < 0.5
        return {"first": first, "last": last, "title": title,
                "pron": "she" if female else "he",
                "aff": r.choice(PUBLIC_ORGS + PARTIES) if r.random() < 0.5 else None}

    def new_company(self):
        r = self.r
        return "%s %s" % (r.choice(ORG_HEAD), r.choice(ORG_TAIL))

    # ---- dates
    def absdate(self, past=True):
        r = self.r
        d = self.dct + datetime.timedelta(days=(-1 if past else 1) * r.randint(1, 400))
        form = r.randrange(6)
        if form == 0:
            return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)
        if form == 1:
            return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
        if form == 2:
            return "%s %d" % (MON_ABBR[d.month - 1], d.day)
        if form == 3:
            return "%s, %s %d" % (WEEKDAYS[d.weekday()], MONTHS[d.month - 1], d.day)
        if form == 4:
            return d.isoformat()
        return "%d %s" % (d.day, MONTHS[d.month - 1])

    def reldate(self):
        r = self.r
        return r.choice(["on %s" % r.choice(WEEKDAYS), "yesterday", "last week", "earlier this month",
                         "last month", "on %s" % self.absdate(), "last year", "this morning",
                         "%s days ago" % r.choice(NUMWORDS[:8]), "in %s" % r.choice(MONTHS),
                         "on %s night" % r.choice(WEEKDAYS), "late on %s" % r.choice(WEEKDAYS)])

    def futdate(self):
        r = self.r
        return r.choice(["next week", "next month", "on %s" % r.choice(WEEKDAYS), "tomorrow",
                         "by the end of the year", "in the spring", "early next year",
                         "on %s" % self.absdate(past=False), "within %s weeks" % r.choice(NUMWORDS[:6]),
                         "in %d" % (self.dct.year + r.randint(1, 3))])

    def duration(self):
        r = self.r
        return r.choice(["%s hours" % r.choice(NUMWORDS[:9]), "%d days" % r.randint(2, 20),
                         "three weeks", "%s months" % r.choice(NUMWORDS[:6]), "48 hours", "a decade",
                         "nearly two years", "%d minutes" % r.randint(5, 90)])

    # ---- names
    def name(self, p, first_mention):
        r = self.r
        if first_mention:
            if p["title"][0].isupper():
                return "%s %s %s" % (p["title"], p["first"], p["last"])
            return "%s %s, %s%s," % (p["first"], p["last"], p["title"],
                                     " of " + p["aff"] if p["aff"] else "")
        x = r.random()
        if x < 0.5:
            return p["last"]
        if x < 0.7:
            return p["pron"]
        if x < 0.85 and p["title"][0].isupper():
            return "%s %s" % (p["title"], p["last"])
        return "%s %s" % (p["first"], p["last"])

    def fill(self, template):
        r = self.r
        p = r.choice(self.people)
        money = lambda: r.choice(["$%d million" % r.randint(2, 900), "%d.%d billion euros" % (r.randint(1, 40), r.randint(1, 9)),
                                  "£%dm" % r.randint(5, 500), "$%d.%d billion" % (r.randint(1, 90), r.randint(1, 9))])
        vals = {
            "n": r.randint(2, 40), "m": r.randint(2, 40), "dur": self.duration(),
            "party": r.choice(PARTIES), "party2": r.choice(PARTIES),
            "absdate": self.absdate(r.random() < 0.5), "absdate_nm": "%s %d" % (r.choice(MONTHS), r.randint(1, 28)),
            "reldate": self.reldate(), "futdate": self.futdate(),
            "pct": r.choice(["%d.%d %s" % (r.randint(0, 30), r.randint(0, 9), r.choice(UNITS)),
                             "%d %s" % (r.randint(1, 80), r.choice(UNITS))]).replace(" %", "%"),
            "city": self.city if r.random() < 0.6 else r.choice(CITY_LIST),
            "year": r.randint(1990, self.dct.year), "year2": self.dct.year - r.randint(0, 3),
            "org": r.choice(PUBLIC_ORGS),
            "company": self.company, "company2": self.new_company(), "company3": self.new_company(),
            "money": money(), "money2": money(), "quarter": r.choice(["first quarter", "second quarter", "third quarter",
                                                                        "fourth quarter", "full year", "six months to June"]),
            "bign": "{:,}".format(r.randint(120, 250000)), "country": self.country,
            "rate": "%d.%d%%" % (r.randint(0, 9), r.choice([0, 25, 5, 75])), "ord": r.choice(["second", "third", "fifth", "tenth"]),
            "cents": "%d cents" % r.randint(5, 300), "person_full": "%s %s" % (p["first"], p["last"]),
            "age": r.randint(19, 84), "nw": r.choice(NUMWORDS), "team": "%s %s" % (self.city, r.choice(TEAMS_A)),
            "team2": "%s %s" % (r.choice(CITY_LIST), r.choice(TEAMS_A)), "score": "%d-%d" % (r.randint(1, 5), r.randint(0, 3)),
            "minute": r.randint(2, 45), "minute2": r.randint(46, 90), "nth": r.choice(["second", "third", "fourth", "seventh"]),
            "month": r.choice(MONTHS), "region": r.choice(REGIONS), "mm": r.randint(40, 300),
            "deg": r.randint(30, 46), "weekday": r.choice(WEEKDAYS),
        }
        out = template.format(**vals)
        return out[0].upper() + out[1:]

    def quote_text(self):
        r = self.r
        bits = QUOTE_BITS[self.topic]
        n = r.choice([1, 1, 2, 2, 3])
        sents = []
        for _ in range(n):
            s = r.choice(bits)
            if r.random() < 0.3:
                s = s + " " + r.choice(["this year", "by %s" % r.choice(MONTHS), "in %s" % self.city,
                                        "since %d" % r.randint(1995, self.dct.year), "for %s" % self.duration()])
            sents.append(s + r.choice([".", ".", ".", "!", "?"]) if len(sents) < n - 1 else s)
        return " ".join(sents)

    def quote_par(self, first_mention_done):
        """A paragraph holding one quote in one of several layouts."""
        r = self.r
        p = r.choice(self.people)
        first = id(p) not in first_mention_done
        first_mention_done.add(id(p))
        who = self.name(p, first)
        verb = r.choice(SAY)
        q = self.quote_text()
        o, c = ("\u201c", "\u201d") if r.random() < 0.6 else ('"', '"')
        layout = r.randrange(7)
        if layout == 0:    # "Q," X said.
            return "%s%s,%s %s %s." % (o, q, c, who, verb)
        if layout == 1:    # "Q," said X.
            return "%s%s,%s %s %s." % (o, q, c, verb.split()[0], who.rstrip(","))
        if layout == 2:    # X said: "Q."
            return "%s %s: %s%s.%s" % (who[0].upper() + who[1:], verb, o, q, c)
        if layout == 3:    # "Q1," X said. "Q2."
            q2 = self.quote_text()
            return "%s%s,%s %s %s. %s%s.%s" % (o, q, c, who, verb, o, q2, c)
        if layout == 4:    # partial quote
            words = q.split()
            k = r.randint(2, max(2, min(6, len(words))))
            frag = " ".join(words[:k]).rstrip(".,!?").lower()
            return "%s %s the move was %s%s%s, %s." % (who[0].upper() + who[1:], verb.split()[0], o, frag, c,
                                                   r.choice(["pointing to the figures", "without giving details",
                                                             "according to a transcript", "in an interview " + self.reldate()]))
        if layout == 5:    # according to
            return "%s%s,%s according to %s." % (o, q, c, who.rstrip(","))
        # present-tense, feature style
        return "%s%s,%s %s %s. %s" % (o, q, c, who, r.choice(SAY_PRES), self.fill(r.choice(REPORT_BITS[self.topic])))

    def headline(self):
        r = self.r
        p = r.choice(self.people)
        t = r.choice(HEADLINE[self.topic])
        return t.format(surname=p["last"], thing=r.choice(THINGS), party_cap=r.choice(PARTIES)[4:],
                        city=self.city, company=self.company, company2=self.new_company(),
                        country=self.country, team="%s %s" % (self.city, r.choice(TEAMS_A)),
                        team2="%s %s" % (r.choice(CITY_LIST), r.choice(TEAMS_A)),
                        region_cap=r.choice(REGIONS)[4:].title())

    def article(self):
        r = self.r
        seen = set()
        pars = []
        # dateline lead paragraph
        lead_p = self.people[0]
        seen.add(id(lead_p))
        lead = "%s (%s) - %s %s %s %s." % (
            self.city.upper() if r.random() < 0.3 else self.city, r.choice(["Reuters", "AP", "Staff", "Wire"]),
            self.name(lead_p, True), r.choice(["said", "announced", "confirmed", "warned"]),
            r.choice(["on %s" % WEEKDAYS[(self.dct.weekday() - r.randint(0, 2)) % 7], "today", "late on %s" % r.choice(WEEKDAYS)]),
            "that " + lc_the(self.fill(r.choice(REPORT_BITS[self.topic])).rstrip(".")) if r.random() < 0.5 else
            "that %s would %s" % (r.choice(PUBLIC_ORGS), r.choice(["review the decision", "open an inquiry",
                                                                 "publish new figures " + self.futdate(),
                                                                 "step up checks in " + r.choice(REGIONS)])))
        pars.append(lead)
        n_par = r.choice([2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20])
        for _ in range(n_par):
            x = r.random()
            if x < 0.4:
                pars.append(self.quote_par(seen))
            else:
                bank = REPORT_BITS[self.topic]
                pars.append(" ".join(self.fill(t) for t in r.sample(bank, r.randint(1, min(4, len(bank))))))
            if r.random() < 0.08:   # occasionally a second topic sneaks in
                self.topic = r.choice(TOPICS)
        return self.headline() + "\n\n" + "\n\n".join(pars)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--mb", type=float, default=50.0, help="megabytes (10^6 bytes) of article text")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-", help="output JSONL file (default stdout)")
    a = ap.parse_args()
    r = random.Random(a.seed)
    target = int(a.mb * 1e6)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    seen = set()
    total = n = 0
    base = datetime.date(2018, 1, 1)
    while total < target:
        dct = base + datetime.timedelta(days=r.randint(0, 8 * 365))
        text = Story(r, dct).article()
        h = hashlib.blake2b(text.encode(), digest_size=8).digest()
        if h in seen:
            continue
        seen.add(h)
        n += 1
        total += len(text.encode("utf-8"))
        out.write(json.dumps({"id": "gen-%d-%d" % (a.seed, n), "text": text, "dct": dct.isoformat()},
                             ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    print("gen_corpus: %d articles, %.1f MB (seed %d)" % (n, total / 1e6, a.seed), file=sys.stderr)


if __name__ == "__main__":
    main()
