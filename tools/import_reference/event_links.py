"""Which events.csv row each entry of the `events` column of people.csv refers to.

The column is free text ("LAP workshop Beijing 2017-10-23 (opening speech)"), so the mapping is
a curated table of patterns -> label prefixes of events.csv rows. An empty list means the entry
names no event of events.csv (or one whose year no source gives); it stays a note on the person.
"""

from __future__ import annotations

import re

PEOPLE_EVENT_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"^IUC start-up workshop Beijing 2018-04-24", ("IUC start-up workshop for Chinese",)),
    (r"^LAP workshop", ("Local Action Plan (LAP) workshop",)),
    (r"^led Chinese delegation to Granada", ("Chinese cities mission to EU pilot cities",)),
    (r"^Liuzhou–Barcelona online discussion", ("Liuzhou–Barcelona online discussion",)),
    (r"^EU city delegation (field visit )?to Haikou", ("EU city delegation field visit",)),
    (r"^Joint Declaration signing Brussels 2017-05-31", ("Signing Ceremony: Joint Declaration",)),
    (
        r"^EU-China High-Level Dialogue Beijing & Zhengzhou seminar",
        ("Annual EU-China High-Level Dialogue", "Thirteenth High Level Seminar"),
    ),
    (r"^EU-China High-Level Dialogue 2018-07", ("Annual EU-China High-Level Dialogue",)),
    (r"^XII High Level Dialogue", ("XII High Level Dialogue",)),
    (r"^IUC Project Launch Event Beijing", ("IUC Project Launch Event",)),
    (r"^(Visit to Chongqing|Specht visit)", ("Mannheim First Vice Mayor visit to Chongqing",)),
    (r"^IUC work meeting Mannheim", ("IUC work meeting in Mannheim",)),
    (r"^(EP delegation to Zhengzhou|Meeting with EP delegation)", ("European Parliament deleg",)),
    (r"^Opening of Mannheim–Chongqing", ("Opening of direct (rail) connection",)),
    (r"^2nd-round call launch WUF9", ("Second-round call for EU cities launched",)),
    (r"^3rd EU-Japan Exchange Meeting", ("3rd Exchange Meeting of EU and Japanese",)),
    (r"^4th EU-Japan Exchange Meeting", ("4th Exchange Meeting of EU and Japanese",)),
    (r"^5th EU-Japan Exchange Meeting", ("5th Exchange Meeting of EU and Japanese",)),
    (
        r"^3rd/4th/5th EU-Japan Exchange Meetings",
        ("3rd Exchange Meeting of EU", "4th Exchange Meeting of EU", "5th Exchange Meeting of EU"),
    ),
    (r"^4th & 5th EU-Japan", ("4th Exchange Meeting of EU", "5th Exchange Meeting of EU")),
    (r"^EWRC 2020 webinar", ('Webinar "International cooperation',)),
    (r"^(EWRC session 2020-10-13|IUC-LAC/IUC-NA session at EWRC)", ("IUC-LAC/IUC-NA session",)),
    (r"^IUC India launch", ("IUC programme launched in India",)),
    (r"^Aarhus(–IUC India)? agreement", ("Aarhus signs IUC India",)),
    (r"^Nagpur agreement", ("Nagpur Municipal Corporation signs",)),
    (r"^(Visit to Murcia|Solapur visit)", ("Solapur delegation visit to Murcia",)),
    (r"^(Visit to Dubrovnik|Panaji visit)", ("Panaji delegation visit to Dubrovnik",)),
    (r"^Leh agreement", ("Leh Municipal Committee signs",)),
    (r"^Lucknow MoU", ("Lucknow Municipal Corporation signs",)),
    (r"^Mannheim–Chongqing online meeting", ("Mannheim and Chongqing online meeting",)),
    (
        r"^(3rd IUC City-to-City event|IUC 'Cooperation between Cities' event)",
        ("3rd IUC annual City-to-City event",),
    ),
    (r"^IUC launch Brussels 9-10 Nov 2017", ("Official launch of the IUC City-to-City",)),
    (r"^First IUC meeting Brussels Nov 2017", ("First meeting of selected LA and European",)),
    (r"^Almada mission to BH", ("Almada delegation first mission",)),
    (r"^Porto delegation visit", ("Porto delegation visit to Pereira",)),
    (r"^(Tarapacá delegation to Asturias|Received Tarapacá)", ("Tarapacá regional delegation",)),
    (r"^Third IUC region-to-region meeting", ("Third (final) IUC region-to-region",)),
    (r"^IUC-LAC Regional Dialogue on climate finance", ("IUC-LAC Regional Dialogue on climate",)),
    (r"^WUF10 Abu Dhabi", ("10th World Urban Forum",)),
    (r"^EU-China Smart City and Technology", ("EU-China Smart City and Technology",)),
    (r"^First Bologna–Austin meeting", ("First meeting Bologna – Austin",)),
)


def events_of(entry: str) -> tuple[str, ...]:
    """Label prefixes of the events.csv rows one entry of people.csv's events column names."""
    for pattern, labels in PEOPLE_EVENT_PATTERNS:
        if re.match(pattern, entry.strip()):
            return labels
    return ()
