"""Blind annotations of the bundled articles: [text, type, entity] in reading order."""
NK, SK, RU, US = "North Korea", "South Korea", "Russia", "United States"
NIS, AP = "National Intelligence Service", "Associated Press"
YOO, PUTIN, KIM = "Yoo Sang-bum", "Vladimir Putin", "Kim Jong Un"
def P(t, e=None): return [t, "PLACE", e or t]
def O(t, e=None): return [t, "ORG", e or t]
def PE(t, e=None): return [t, "PERSON", e or t]
def W(t, e=None):
    if e is None:
        w = t.split(); last = w[-1].lower()
        if last.endswith("s") and last not in ("munitions",): last = last[:-1]
        if last == "rounds": last = "round"
        e = " ".join(x.lower() for x in w[:-1] + [last])
    return [t, "WEAPON", e]
def D(t): return [t, "DATE", t]
def Q(t): return [t, "QUANTITY", t]

GOLD = {
"Financial World": [
 P("South Korea",SK), O("National Intelligence Service",NIS), P("Pyongyang",NK), Q("over a million"),
 W("artillery rounds"), Q("approximately ten shipments"), P("Russia"),
 P("North Korea"), P("Russia"), P("Ukraine"), W("short-range ballistic missiles"),
 W("man-portable anti-aircraft missiles"),
 P("South Korea"), O("National Intelligence Service",NIS), P("Pyongyang",NK), Q("over a million"),
 W("artillery rounds"), Q("approximately ten"), P("Russia"), D("early August"),
 P("North Korea"), P("Russia"),
 Q("around 2,000 containers"), P("Rason"), P("North Korea"), P("Vladivostok"), P("Russian Far East"), O("Kyodo"),
 P("United States"), P("North Korea"), Q("more than 1,000 containers"), P("Russia"), D("September 7"), D("October 1"),
 P("North Korea"), P("Russia"), D("October"), P("North Korea"), P("Russia"), D("mid-2022"),
 PE("Kim Jong Un"), PE("Vladimir Putin"), P("Russian Far East"), D("September"),
 P("Ukraine"),
],
"GDC": [
 W("GeumSeong-3","GeumSeong-3"), W("anti-ship cruise missile"), W("Kh-35","Kh-35"),
 P("North Korea"), P("Russia"), P("Ukraine"), P("South Korea"), D("Thursday"),
 P("South Korea"), P("North Korea"), W("short-range ballistic missiles"), W("anti-tank missiles"),
 W("portable anti-air missiles"), P("Russia"), W("rifles"), W("rocket launchers"), W("mortars"),
 P("North Korea"), P("Russia"), P("China"), P("United States"),
 P("Tumangang"), O("Planet Labs PBC"), O("AP",AP),
 D("Last week"), P("South Korea"), P("U.S.",US), P("Japan"), P("North Korea"), P("Russia"), P("Russia"),
 P("Ukraine"), P("North Korea"), O("U.N. Security Council","United Nations Security Council"), P("Russia"),
 O("U.N. Security Council","United Nations Security Council"),
 P("Russia"), PE("Sergei Lavrov"), P("Pyongyang"), PE("Kim Won Jin"), O("AFP"), O("Getty Images"),
 PE("Kim Jong Un"), P("Russia"), D("September"), PE("Vladimir Putin"), P("U.S.",US), P("North Korea"),
 W("nuclear weapons"),
 D("Wednesday"), O("National Intelligence Service"), P("South Korea"), Q("more than a million"),
 W("artillery shells"), P("Russia"), D("August"), O("NIS",NIS), Q("two months"), PE("Yoo Sang-bum"), O("NIS",NIS),
 O("NIS",NIS), P("North Korea"),
 O("NIS",NIS), P("North Korea"), P("North Korea"), Q("two"), P("North",NK), D("October"),
 P("South Korea"), P("North Korea"), W("fighter jets"), P("Russia"),
 P("North Korea"), P("U.S.",US), P("South Korea"), P("U.S.",US),
 P("South Korea"), O("Foreign Ministry"), D("Thursday"), P("North Korea"), P("Uganda"), P("Angola"), P("Spain"),
 P("Hong Kong"), O("Foreign Ministry"), P("North Korea"),
 D("earlier this week"), P("Angola"), P("Uganda"), D("last week"),
 P("South Korea"), O("Unification Ministry"), D("Tuesday"), P("North Korea"), Q("more than 150 countries"),
 Q("just around 50"),
 O("NIS",NIS), P("North Korea"), P("China"), O("NIS",NIS), P("North Korea"), P("China"), D("last month"),
],
"ICARO Media Group": [
 P("SEOUL","Seoul"), P("South Korea"), P("South Korea"), O("National Intelligence Service"), O("NIS",NIS),
 P("North Korea"), Q("over a million"), W("artillery shells"), P("Russia"), D("August"), PE("Vladimir Putin"),
 P("Ukraine"), D("Wednesday"), PE("Yoo Sang-bum"),
 P("North Korea"), P("Russia"), P("United States"), PE("Kim Jong Un"), PE("Putin",PUTIN), D("September"),
 P("North Korea"), P("Russia"),
 P("United States"), P("South Korea"), P("Pyongyang",NK), P("Moscow",RU), P("North Korea"), P("Russia"),
 PE("Yoo Sang-bum"), O("NIS",NIS), P("North Korea"), W("artillery shells"), D("early August"), P("Russia"),
 P("Ukraine"), Q("approximately two months"),
 O("NIS",NIS), P("North Korea"), P("North Korea"), P("Russia"), D("October"),
 O("NIS",NIS), PE("Yoo",YOO), P("North Korea"), P("Pyongyang",NK),
 P("South Korea"), P("North Korea"), W("nuclear weapons"), PE("Yoo",YOO), O("NIS",NIS), P("Russia"),
 P("North Korea"), W("fighter aircraft"),
 P("North Korea"), P("Russia"), O("NIS",NIS), P("North Korea"),
 PE("Kim Jong Un"), P("U.S.",US), W("nuclear-capable missiles"), PE("Putin",PUTIN), P("Vostochny Cosmodrome"),
 P("Russian Far East"), PE("Kim",KIM),
 O("United Nations Security Council"), W("long-range ballistic missile"),
 P("United States"), P("South Korea"), P("Japan"), D("October 26"), P("North Korea"), P("Russia"), P("Russia"),
 P("Ukraine"),
 PE("Sergey Lavrov"), P("U.S.",US), P("Pyongyang"), O("White House"), P("North Korea"),
 Q("more than 1,000 containers"), P("Russia"), P("Russia"),
],
"The Hill": [
 PE("Vladimir Putin"), P("North Korea"), PE("Kim Jong Un"), P("Vostochny","Vostochny Cosmodrome"), P("Tsiolkovsky"),
 Q("about 200 kilometers"), Q("125 miles"), P("Blagoveshchensk"), P("Amur"), P("Russia"),
 D("Wednesday, Sept. 13, 2023"), PE("Vladimir Smirnov"), O("Sputnik"), O("Kremlin Pool"), O("AP",AP),
 P("South Korea"), D("Thursday"), P("North Korea"), P("Russia"), P("Ukraine"), O("Associated Press"),
 O("AP",AP), P("North Korea"), P("Russia"), W("short-range ballistic missiles"), W("portable anti-tank missiles"),
 W("rifles"), W("mortars"),
 P("North Korea"), P("Russia"), O("AP",AP),
 P("South Korea"), O("National Intelligence Service"), O("NIS",NIS), D("Wednesday"), Q("more than a million"),
 W("artillery shells"), P("Russia"), D("August"), O("AP",AP),
 PE("Yoo Sang-bum"), O("NIS",NIS), O("AP",AP), Q("two months"), P("Russia"),
 O("NIS",NIS), P("North Korea"), P("Russia"), Q("two"), P("South Korea"), P("North Korea"), W("fighter jets"), O("AP",AP),
 P("North Korea"), P("Russia"), P("China"), PE("Kim Jong Un"), D("September"), PE("Vladimir Putin"), P("Russia"),
 P("North Korea"), P("Russia"), P("United States"), P("South Korea"), P("Japan"), D("last week"), P("North Korea"), P("Russia"),
 P("Russia"), P("DPRK",NK), P("North Korea"), P("Democratic People’s Republic of Korea",NK),
 P("Russia"), P("DPRK",NK), P("Ukraine"), P("Russia"),
],
"The Irish News": [
 PE("Vladimir Putin"), PE("Kim Jong Un"), P("Russia"), PE("Vladimir Smirnov"), O("AP",AP),
 P("South Korea"), P("Pyongyang",NK), P("Moscow",RU), Q("more than a million"), W("artillery shells"), P("Russia"), D("August"),
 P("North Korea"),
 P("South Korea"), P("North Korea"), W("short-range ballistic missiles"), W("anti-tank missiles"), W("portable anti-air missiles"),
 W("rifles"), W("rocket launchers"), W("mortars"), P("Russia"), PE("Vladimir Putin"), P("Ukraine"),
 P("North Korea"), P("Russia"), PE("Kim Jong Un"), P("Russia"), O("Kremlin"),
 P("Russia"), P("North Korea"),
 O("KCNA"), O("AP",AP),
 PE("Yoo Sang-bum"), P("Russia"), Q("two months"), O("Kremlin"), PE("Yoo",YOO),
 P("North Korea"), PE("Yoo",YOO),
 P("North Korea"), P("Russia"), D("October"),
 O("NIS",NIS), P("North Korea"),
 P("South Korea"), P("North Korea"), W("fighter jets"), P("Russia"),
],
}
