"""Vocabularies and sentence templates for the demo submission texts.

Each category theme (e-health, e-agriculture, ...) brings its own nouns and verb phrases;
the templates are shared. The generator fills templates once into a pool of sentences
per category and field, then each row picks whole sentences from the pool: varied enough
that 100k submissions don't read alike, cheap enough to stay fast.

Template slots: {ben} beneficiaries (plural), {Ben} the same capitalised, {svc} a service
(noun phrase), {act} what users can do (verb phrase), {out} an outcome (noun phrase),
{inst} institutions (plural), {metric} a countable result (plural), {partner} a partner,
{chal} a challenge (noun phrase), {plan} a plan (verb phrase), {dom} the domain, {tool}
a technology, {n}/{n2} numbers, {small} a small number, {pct} a percentage, {year} a year.
Row-level markers, replaced per submission: §P the project's short name, §O the
organisation, §C the country.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    domain: str
    beneficiaries: tuple[str, ...]
    services: tuple[str, ...]
    actions: tuple[str, ...]
    outcomes: tuple[str, ...]
    institutions: tuple[str, ...]
    metrics: tuple[str, ...]
    partners: tuple[str, ...]
    challenges: tuple[str, ...]
    plans: tuple[str, ...]
    title_words: tuple[str, ...]  # words a project title in this theme is made of
    sdgs: tuple[int, ...]  # the goals projects of this theme usually name


def _t(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


THEMES: dict[str, Theme] = {
    "governance": Theme(
        key="governance",
        domain="public policy making",
        beneficiaries=_t(
            "citizens | local councillors | civil servants | policy makers | community leaders"
            " | youth councils | members of parliament"
        ),
        services=_t(
            "a national broadband plan | open consultations on draft laws | a public ICT "
            "strategy dashboard | multi-stakeholder policy forums | a digital transformation "
            "roadmap | online hearings of parliamentary committees"
        ),
        actions=_t(
            "comment on draft policies | follow the national digital agenda | take part in "
            "budget consultations | propose local projects | track public commitments"
        ),
        outcomes=_t(
            "a national ICT policy adopted after open consultation | more transparent "
            "decision making | broader participation of women in policy debates | faster "
            "approval of digital projects | stronger coordination between ministries"
        ),
        institutions=_t("ministries | municipal councils | regulators | provincial governments"),
        metrics=_t("comments on draft laws | policy proposals | consultation rounds | pledges"),
        partners=_t(
            "the national ICT regulator | the Parliament's ICT committee | several civil "
            "society coalitions | the national statistics office | a group of universities"
        ),
        challenges=_t(
            "resistance to change within administrations | the difficulty of reaching rural "
            "citizens | limited budgets at local level | frequent changes of leadership"
        ),
        plans=_t(
            "extend the consultations to all provinces | publish every policy draft as open "
            "data | train municipal officials in participatory methods"
        ),
        title_words=_t("Policy | Agenda | Voice | Dialogue | Charter | Strategy | Forum"),
        sdgs=(16, 17, 9, 5, 10),
    ),
    "infrastructure": Theme(
        key="infrastructure",
        domain="connectivity",
        beneficiaries=_t(
            "rural households | remote schools | small businesses | island communities | "
            "mountain villages | refugee settlements | health centres"
        ),
        services=_t(
            "affordable broadband | community Wi-Fi | fibre backbone links | solar-powered "
            "base stations | satellite connectivity | shared tower infrastructure"
        ),
        actions=_t(
            "get online at an affordable price | connect to the national backbone | use "
            "mobile data for the first time | access cloud services | make reliable calls"
        ),
        outcomes=_t(
            "lower prices for mobile data | coverage of previously unconnected villages | "
            "faster connections for schools | fewer network outages | more competition "
            "between operators"
        ),
        institutions=_t(
            "network operators | internet exchange points | community networks | utilities"
        ),
        metrics=_t("kilometres of fibre | base stations | connected sites | new subscribers"),
        partners=_t(
            "the universal service fund | local mobile network operators | the national "
            "electricity company | a regional development bank | the internet society chapter"
        ),
        challenges=_t(
            "the high cost of backhaul | theft of equipment and cables | difficult terrain | "
            "slow rights-of-way permits | unreliable power supply"
        ),
        plans=_t(
            "connect another two hundred villages | add an internet exchange point | hand "
            "the network over to a local cooperative"
        ),
        title_words=_t("Connect | Link | Net | Backbone | Broadband | Mesh | Reach | Bridge"),
        sdgs=(9, 17, 4, 1, 10),
    ),
    "access": Theme(
        key="access",
        domain="access to information",
        beneficiaries=_t(
            "library users | people with visual impairments | rural youth | older people | "
            "public library staff | community radio listeners | migrants"
        ),
        services=_t(
            "a digital public library | open government data | accessible e-books | "
            "multilingual information kiosks | free public internet access points"
        ),
        actions=_t(
            "find public information in their own language | borrow e-books | read official "
            "notices | search archives online | use the internet in public libraries"
        ),
        outcomes=_t(
            "more visits to public libraries | wider use of open data by journalists | "
            "better access for people with disabilities | higher digital literacy in rural "
            "areas | fewer requests refused by public bodies"
        ),
        institutions=_t("public libraries | community centres | archives | post offices"),
        metrics=_t("e-book loans | datasets published | library visits | information requests"),
        partners=_t(
            "the national library | an association of the blind | the open data community | "
            "the ministry of culture | the national postal operator"
        ),
        challenges=_t(
            "scarce content in local languages | copyright restrictions | outdated equipment "
            "in libraries | low awareness of the service"
        ),
        plans=_t(
            "digitise the regional archives | add sign language videos | open ten more "
            "access points in rural libraries"
        ),
        title_words=_t("Open | Library | Knowledge | Info | Access | Read | Archive"),
        sdgs=(16, 4, 10, 9, 17),
    ),
    "capacity": Theme(
        key="capacity",
        domain="digital skills",
        beneficiaries=_t(
            "young women | unemployed graduates | teachers | small entrepreneurs | civil "
            "servants | older adults | persons with disabilities | rural youth"
        ),
        services=_t(
            "coding bootcamps | digital literacy courses | cybersecurity training | "
            "train-the-trainer programmes | mentoring by industry experts"
        ),
        actions=_t(
            "learn to code | build basic digital skills | earn recognised certificates | "
            "start an online business | use e-government services with confidence"
        ),
        outcomes=_t(
            "higher employment among graduates | more women in technical jobs | a growing "
            "pool of certified trainers | stronger digital skills in public administrations"
        ),
        institutions=_t("training centres | vocational schools | youth centres | universities"),
        metrics=_t("trainees | certificates | training hours | mentors"),
        partners=_t(
            "the ministry of labour | several technology companies | the national "
            "employment agency | a network of youth organisations | the ITU Academy"
        ),
        challenges=_t(
            "high drop-out rates in online courses | the cost of devices for trainees | "
            "finding qualified trainers outside the capital | keeping content up to date"
        ),
        plans=_t(
            "open three regional training hubs | launch an advanced course in data science | "
            "certify another thousand trainers"
        ),
        title_words=_t("Skills | Academy | Code | Digital | Future | Talent | Learn"),
        sdgs=(4, 8, 5, 10, 17),
    ),
    "security": Theme(
        key="security",
        domain="cybersecurity",
        beneficiaries=_t(
            "small businesses | schoolchildren | parents | bank customers | public agencies | "
            "hospital IT staff"
        ),
        services=_t(
            "a national computer emergency response team | child online protection "
            "campaigns | phishing awareness training | a vulnerability disclosure programme "
            "| a cyber hygiene self-assessment tool"
        ),
        actions=_t(
            "report online fraud | protect their accounts | recognise phishing messages | "
            "respond to cyber incidents | check the security of their websites"
        ),
        outcomes=_t(
            "fewer successful phishing attacks | faster incident response | greater trust in "
            "online services | safer online behaviour among children"
        ),
        institutions=_t("public agencies | banks | schools | critical infrastructure operators"),
        metrics=_t("incidents handled | awareness sessions | vulnerabilities fixed | reports"),
        partners=_t(
            "the national police | the central bank | telecom operators | the ministry of "
            "education | a regional cybersecurity centre"
        ),
        challenges=_t(
            "a shortage of security professionals | low reporting of incidents | fast "
            "changing threats | limited budgets of small organisations"
        ),
        plans=_t(
            "set up sector teams for health and energy | run a national cyber drill every "
            "year | bring the awareness campaign to every school"
        ),
        title_words=_t("Cyber | Safe | Shield | Secure | Trust | Guard | Alert"),
        sdgs=(16, 9, 4, 17, 8),
    ),
    "enabling": Theme(
        key="enabling",
        domain="the digital economy",
        beneficiaries=_t(
            "start-ups | investors | consumers | telecom operators | small businesses | innovators"
        ),
        services=_t(
            "a regulatory sandbox | a simplified licensing regime | a data protection "
            "framework | spectrum sharing rules | an online one-stop shop for permits"
        ),
        actions=_t(
            "obtain licences online | test new services under light rules | resolve "
            "disputes quickly | understand their rights as consumers"
        ),
        outcomes=_t(
            "more new entrants in the market | lower consumer prices | faster licensing | "
            "greater legal certainty for investors"
        ),
        institutions=_t("regulators | courts | chambers of commerce | consumer associations"),
        metrics=_t("licences issued | complaints resolved | start-ups admitted | consultations"),
        partners=_t(
            "the competition authority | the chamber of commerce | industry associations | "
            "a regional regulators network"
        ),
        challenges=_t(
            "slow legislative processes | overlapping mandates between agencies | limited "
            "data on the market | the pace of technological change"
        ),
        plans=_t(
            "review the data protection law | open the sandbox to fintech firms | publish "
            "market data every quarter"
        ),
        title_words=_t("Enable | Sandbox | Rules | Market | Fair | Open | Reform"),
        sdgs=(8, 9, 16, 17, 12),
    ),
    "egov": Theme(
        key="egov",
        domain="public services",
        beneficiaries=_t(
            "citizens | businesses | residents of remote districts | diaspora members | "
            "civil servants | persons with disabilities"
        ),
        services=_t(
            "a single portal for public services | digital identity | online tax filing | "
            "electronic birth registration | a mobile government app | e-procurement"
        ),
        actions=_t(
            "apply for documents online | pay taxes from their phones | register a company "
            "in one day | track the status of their requests | sign forms electronically"
        ),
        outcomes=_t(
            "shorter processing times | fewer visits to government offices | lower "
            "administrative costs | less room for corruption | higher citizen satisfaction"
        ),
        institutions=_t("government offices | municipalities | civil registries | tax offices"),
        metrics=_t("online applications | digital signatures | services online | transactions"),
        partners=_t(
            "the ministry of interior | the national tax authority | all municipalities | "
            "the postal service | a national data centre"
        ),
        challenges=_t(
            "legacy systems that do not talk to each other | low trust in online services | "
            "the digital divide between cities and villages | changing procedures"
        ),
        plans=_t(
            "bring all services onto the single portal | add a once-only data principle | "
            "open service centres in every district"
        ),
        title_words=_t("Gov | Portal | Citizen | Service | One | Smart | ID"),
        sdgs=(16, 9, 10, 17, 5),
    ),
    "ebusiness": Theme(
        key="ebusiness",
        domain="trade and commerce",
        beneficiaries=_t(
            "small retailers | artisans | women entrepreneurs | exporters | market traders | "
            "cooperatives"
        ),
        services=_t(
            "an online marketplace | mobile payments | digital invoicing | an export "
            "information platform | e-commerce training | a logistics tracking service"
        ),
        actions=_t(
            "sell their products online | accept mobile payments | reach foreign buyers | "
            "manage their stock | get paid on time"
        ),
        outcomes=_t(
            "higher sales for participating businesses | new export markets | more "
            "transactions without cash | formalisation of informal traders"
        ),
        institutions=_t("chambers of commerce | banks | business incubators | trade agencies"),
        metrics=_t("online shops | transactions | orders | registered sellers"),
        partners=_t(
            "a national bank | the export promotion agency | a courier company | several "
            "payment providers | the chamber of commerce"
        ),
        challenges=_t(
            "the cost of delivery to rural areas | low trust in online payments | limited "
            "access to credit | competition from large platforms"
        ),
        plans=_t(
            "link the marketplace to regional trade corridors | offer micro-loans to "
            "sellers | add a cross-border payment option"
        ),
        title_words=_t("Market | Trade | Pay | Shop | Bazaar | Commerce | Export"),
        sdgs=(8, 9, 5, 1, 17),
    ),
    "elearning": Theme(
        key="elearning",
        domain="education",
        beneficiaries=_t(
            "secondary school students | primary teachers | out-of-school children | "
            "university students | adult learners | refugee children | girls in rural schools"
        ),
        services=_t(
            "an online learning platform | offline digital libraries | interactive lessons "
            "in local languages | virtual classrooms | open educational resources | "
            "a tablet programme for schools"
        ),
        actions=_t(
            "follow lessons at their own pace | prepare for national exams | learn in their "
            "mother tongue | access courses without an internet connection"
        ),
        outcomes=_t(
            "better exam results | lower drop-out rates | more confident teachers | higher "
            "enrolment of girls | wider use of open educational resources"
        ),
        institutions=_t("schools | teacher training colleges | universities | learning centres"),
        metrics=_t("lessons completed | registered learners | teachers trained | courses"),
        partners=_t(
            "the ministry of education | UNESCO | local teacher associations | a telecom "
            "operator that zero-rates the platform | several publishers"
        ),
        challenges=_t(
            "the lack of devices at home | teachers' limited time for training | poor "
            "connectivity in rural schools | aligning content with the curriculum"
        ),
        plans=_t(
            "cover the full secondary curriculum | train every mathematics teacher | "
            "add an assessment module"
        ),
        title_words=_t("Learn | School | Class | Edu | Campus | Lesson | Bright"),
        sdgs=(4, 5, 10, 9, 17),
    ),
    "ehealth": Theme(
        key="ehealth",
        domain="primary health care",
        beneficiaries=_t(
            "rural patients | pregnant women | community health workers | nurses | "
            "people living with diabetes | older patients | mothers of newborns"
        ),
        services=_t(
            "telemedicine consultations | an electronic health record | SMS reminders for "
            "vaccinations | a medicine stock tracking system | remote diagnosis of eye "
            "diseases | a maternal health hotline"
        ),
        actions=_t(
            "consult a doctor remotely | book appointments | receive test results by SMS | "
            "follow their treatment | get advice during pregnancy"
        ),
        outcomes=_t(
            "shorter waiting times at district clinics | fewer missed vaccinations | lower "
            "maternal mortality in pilot districts | fewer stock-outs of essential medicines "
            "| earlier detection of chronic diseases"
        ),
        institutions=_t("district hospitals | rural clinics | pharmacies | health centres"),
        metrics=_t("teleconsultations | patients registered | prescriptions | screenings"),
        partners=_t(
            "the ministry of health | WHO country office | a medical university | a mobile "
            "network operator | the national health insurance fund"
        ),
        challenges=_t(
            "unreliable electricity in rural clinics | the shortage of doctors | patient "
            "privacy concerns | integrating with existing hospital systems"
        ),
        plans=_t(
            "add a module for mental health | connect all district hospitals | use the data "
            "for disease surveillance"
        ),
        title_words=_t("Health | Care | Med | Clinic | Life | Wellness | Cure"),
        sdgs=(3, 5, 10, 9, 17),
    ),
    "eemployment": Theme(
        key="eemployment",
        domain="the labour market",
        beneficiaries=_t(
            "job seekers | young graduates | women returning to work | informal workers | "
            "persons with disabilities | employers"
        ),
        services=_t(
            "an online job-matching platform | remote work training | digital career "
            "guidance | a freelancing marketplace | an online skills passport"
        ),
        actions=_t(
            "find jobs that match their skills | work remotely for clients abroad | prove "
            "their skills to employers | apply for jobs from their phones"
        ),
        outcomes=_t(
            "shorter job searches | more women in paid work | new income for young "
            "freelancers | better matching between skills and vacancies"
        ),
        institutions=_t("employment offices | career centres | employers | training providers"),
        metrics=_t("job placements | registered job seekers | vacancies | freelance contracts"),
        partners=_t(
            "the national employment agency | an employers' federation | the ministry of "
            "labour | several online work platforms"
        ),
        challenges=_t(
            "low quality of job offers | limited trust of employers in online profiles | "
            "workers' lack of social protection | unstable internet at home"
        ),
        plans=_t(
            "add a module for apprenticeships | cover all provinces | link the platform to "
            "social security"
        ),
        title_words=_t("Jobs | Work | Career | Talent | Hire | Employ | Gig"),
        sdgs=(8, 4, 5, 10, 1),
    ),
    "eenvironment": Theme(
        key="eenvironment",
        domain="environmental protection",
        beneficiaries=_t(
            "coastal communities | city residents | farmers in flood zones | environmental "
            "inspectors | disaster management teams | fishers"
        ),
        services=_t(
            "an early warning system for floods | air quality sensors | an e-waste "
            "collection network | satellite monitoring of forests | a water quality app"
        ),
        actions=_t(
            "receive flood alerts in time | check the air quality in their neighbourhood | "
            "recycle old electronics safely | report illegal logging"
        ),
        outcomes=_t(
            "fewer losses from floods | less e-waste in landfills | faster response to "
            "pollution incidents | better protected forests | lower energy use in data "
            "centres"
        ),
        institutions=_t("municipalities | environmental agencies | meteorological services"),
        metrics=_t("sensors installed | tonnes of e-waste collected | alerts sent | reports"),
        partners=_t(
            "the national meteorological service | UNEP | the ministry of environment | "
            "recycling companies | a space agency"
        ),
        challenges=_t(
            "maintaining sensors in harsh conditions | the informal e-waste sector | data "
            "sharing between agencies | funding after the pilot phase"
        ),
        plans=_t(
            "extend the warning system to all river basins | open the data to researchers | "
            "certify recyclers"
        ),
        title_words=_t("Green | Eco | Climate | Earth | Clean | River | Air"),
        sdgs=(13, 11, 12, 14, 15),
    ),
    "eagriculture": Theme(
        key="eagriculture",
        domain="smallholder farming",
        beneficiaries=_t(
            "smallholder farmers | women farmers | livestock keepers | fishers | "
            "agricultural extension officers | farmer cooperatives"
        ),
        services=_t(
            "weather and market price alerts | a digital advisory service | mobile crop "
            "insurance | soil testing with sensors | a livestock traceability system"
        ),
        actions=_t(
            "get advice on planting dates | sell their harvest at fair prices | insure their "
            "crops | track their animals | diagnose plant diseases with a photo"
        ),
        outcomes=_t(
            "higher yields in participating villages | better prices at the market | fewer "
            "crop losses to pests | higher incomes for women farmers"
        ),
        institutions=_t("farmer cooperatives | extension services | agro-dealers | markets"),
        metrics=_t("farmers registered | advisory messages | hectares covered | policies sold"),
        partners=_t(
            "the ministry of agriculture | FAO | an agricultural research institute | an "
            "insurance company | farmer unions"
        ),
        challenges=_t(
            "low literacy among farmers | seasonal incomes | poor rural roads | changing "
            "weather patterns"
        ),
        plans=_t(
            "add voice messages in more languages | link farmers to buyers abroad | offer "
            "credit based on harvest records"
        ),
        title_words=_t("Farm | Agri | Harvest | Crop | Seed | Field | Soil"),
        sdgs=(2, 1, 13, 5, 12),
    ),
    "escience": Theme(
        key="escience",
        domain="research",
        beneficiaries=_t(
            "researchers | doctoral students | laboratories | universities | citizen "
            "scientists | research funders"
        ),
        services=_t(
            "a national research and education network | shared high performance "
            "computing | an open access repository | a research data platform"
        ),
        actions=_t(
            "share large datasets | run simulations | publish in open access | collaborate "
            "with colleagues abroad"
        ),
        outcomes=_t(
            "more joint publications | faster data transfers | wider reuse of research data "
            "| more doctoral theses completed"
        ),
        institutions=_t("universities | research institutes | observatories | laboratories"),
        metrics=_t("datasets shared | computing hours | publications | connected campuses"),
        partners=_t(
            "the national research council | a regional research network | GEANT | "
            "several universities abroad"
        ),
        challenges=_t(
            "the cost of international bandwidth | retaining skilled engineers | data "
            "management skills | sustaining funding"
        ),
        plans=_t(
            "connect every public university | offer cloud services to researchers | join "
            "the open science cloud"
        ),
        title_words=_t("Science | Research | Data | Lab | Open | Grid | Discovery"),
        sdgs=(9, 4, 17, 3, 13),
    ),
    "culture": Theme(
        key="culture",
        domain="cultural heritage",
        beneficiaries=_t(
            "speakers of minority languages | indigenous communities | museum visitors | "
            "local artists | students of history | storytellers"
        ),
        services=_t(
            "a digital archive of oral traditions | keyboards and fonts for local languages "
            "| virtual museum tours | a platform for local content creators"
        ),
        actions=_t(
            "write in their own script | record stories of elders | visit collections "
            "online | publish local content"
        ),
        outcomes=_t(
            "more online content in local languages | preserved oral heritage | new income "
            "for local artists | more young people learning their language"
        ),
        institutions=_t("museums | cultural centres | archives | language academies"),
        metrics=_t("recordings | digitised items | local language articles | visits"),
        partners=_t(
            "the ministry of culture | a national language academy | UNESCO | community "
            "radio stations"
        ),
        challenges=_t(
            "the lack of standard spelling | few trained archivists | copyright of "
            "traditional knowledge | the cost of digitisation"
        ),
        plans=_t(
            "support ten more languages | train young archivists | publish the collection "
            "as open data"
        ),
        title_words=_t("Heritage | Voices | Culture | Story | Roots | Language | Memory"),
        sdgs=(11, 4, 10, 16, 8),
    ),
    "media": Theme(
        key="media",
        domain="independent media",
        beneficiaries=_t(
            "journalists | community radio listeners | young readers | local newsrooms | "
            "fact-checkers"
        ),
        services=_t(
            "a fact-checking platform | training in digital journalism | a community radio "
            "network | a media literacy curriculum"
        ),
        actions=_t(
            "check claims before sharing them | publish local news online | reach audiences "
            "on mobile | protect their sources"
        ),
        outcomes=_t(
            "less spread of false information | more local news coverage | stronger media "
            "literacy among students | safer working conditions for journalists"
        ),
        institutions=_t("newsrooms | radio stations | journalism schools | press councils"),
        metrics=_t("fact checks | trained journalists | broadcasts | articles"),
        partners=_t(
            "a press freedom organisation | a journalism school | community radio "
            "associations | a public broadcaster"
        ),
        challenges=_t(
            "financial pressure on newsrooms | online harassment of journalists | the speed "
            "of misinformation | limited advertising income"
        ),
        plans=_t(
            "bring media literacy to every secondary school | add an audio fact-check "
            "service | support investigative reporting"
        ),
        title_words=_t("Media | News | Radio | Voice | Press | Fact | Signal"),
        sdgs=(16, 4, 5, 10, 17),
    ),
    "ethics": Theme(
        key="ethics",
        domain="human rights online",
        beneficiaries=_t(
            "children | women journalists | persons with disabilities | software developers "
            "| users of public algorithms"
        ),
        services=_t(
            "guidelines for ethical artificial intelligence | online safety workshops | a "
            "helpline against cyberbullying | an algorithm audit toolkit"
        ),
        actions=_t(
            "report online abuse | understand how algorithms affect them | design fair "
            "systems | exercise their privacy rights"
        ),
        outcomes=_t(
            "fewer cases of cyberbullying | public bodies auditing their algorithms | more "
            "awareness of privacy rights | safer online spaces for women"
        ),
        institutions=_t("schools | data protection authorities | technology companies"),
        metrics=_t("helpline calls | audits | workshops | signatories"),
        partners=_t(
            "the data protection authority | a children's rights organisation | technology "
            "companies | a university ethics centre"
        ),
        challenges=_t(
            "balancing innovation and rights | limited expertise in public bodies | the "
            "global nature of online platforms"
        ),
        plans=_t(
            "publish an annual ethics index | train public procurement officers | extend "
            "the helpline hours"
        ),
        title_words=_t("Ethics | Rights | Fair | Trust | Dignity | Respect | Safe"),
        sdgs=(16, 5, 10, 4, 17),
    ),
    "cooperation": Theme(
        key="cooperation",
        domain="regional cooperation",
        beneficiaries=_t(
            "member states | regulators | small island states | landlocked countries | "
            "regional organisations"
        ),
        services=_t(
            "regional roaming agreements | a shared cross-border fibre project | a regional "
            "knowledge exchange programme | joint capacity building"
        ),
        actions=_t(
            "harmonise their regulations | share infrastructure | exchange expertise | "
            "negotiate lower transit prices"
        ),
        outcomes=_t(
            "lower roaming prices | new cross-border links | harmonised spectrum plans | "
            "stronger South-South cooperation"
        ),
        institutions=_t("regional bodies | regulators | development banks | ministries"),
        metrics=_t("agreements signed | experts exchanged | joint projects | member countries"),
        partners=_t(
            "the regional economic community | ITU regional office | a development bank | "
            "neighbouring countries' regulators"
        ),
        challenges=_t(
            "different legal frameworks | political changes | coordinating many partners | "
            "currency fluctuations"
        ),
        plans=_t(
            "admit new member states | extend the fibre ring | create a regional data exchange"
        ),
        title_words=_t("Together | Region | Partner | Alliance | Bridge | United | Corridor"),
        sdgs=(17, 9, 16, 8, 10),
    ),
}

# Which theme a category gets, by words in its English name (then in its key): the
# edition file decides the categories, this only picks vocabulary.
THEME_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("e-government", "egov"),
    ("e-business", "ebusiness"),
    ("e-learning", "elearning"),
    ("e-health", "ehealth"),
    ("e-employment", "eemployment"),
    ("e-environment", "eenvironment"),
    ("e-agriculture", "eagriculture"),
    ("e-science", "escience"),
    ("egov", "egov"),
    ("ebusiness", "ebusiness"),
    ("elearning", "elearning"),
    ("ehealth", "ehealth"),
    ("eemployment", "eemployment"),
    ("eenvironment", "eenvironment"),
    ("eagriculture", "eagriculture"),
    ("escience", "escience"),
    ("governance", "governance"),
    ("infrastructure", "infrastructure"),
    ("access to information", "access"),
    ("capacity", "capacity"),
    ("security", "security"),
    ("enabling", "enabling"),
    ("cultural", "culture"),
    ("media", "media"),
    ("ethic", "ethics"),
    ("cooperation", "cooperation"),
)

# How popular each theme is among submitters (real sets are uneven: many e-health and
# capacity-building projects, few on ethics or media).
THEME_WEIGHTS: dict[str, int] = {
    "governance": 5,
    "infrastructure": 5,
    "access": 7,
    "capacity": 11,
    "security": 4,
    "enabling": 4,
    "egov": 10,
    "ebusiness": 6,
    "elearning": 10,
    "ehealth": 9,
    "eemployment": 4,
    "eenvironment": 4,
    "eagriculture": 6,
    "escience": 2,
    "culture": 3,
    "media": 2,
    "ethics": 1,
    "cooperation": 3,
}

TOOLS = _t(
    "a mobile application | an SMS and USSD service | a web portal | an open-source platform"
    " | a chatbot on WhatsApp | a cloud-based dashboard | an offline-first Android app | a "
    "network of community telecentres | a geographic information system | a shared data "
    "platform | an interactive voice response line | a low-cost tablet programme"
)

# ---- the summary (the field with word bounds) -------------------------------------------
SUMMARY_INTRO = _t(
    "§P is {tool} that helps {ben} {act}."
    " | Launched in {year} in §C, §P uses {tool} to help {ben} {act}."
    " | §P brings {svc} to {ben} across §C through {tool}."
    " | The project §P was designed by §O to give {ben} reliable access to {svc}."
    " | §P started as a pilot in {small} districts and is now a national programme for {ben}."
    " | With §P, {ben} in §C can {act} without leaving their community."
)
SUMMARY_BODY = _t(
    "Before the project, {ben} had to travel long distances and wait for days to {act}."
    " | The platform combines {svc} with {tool}, so that it also works where connectivity is"
    " poor."
    " | {Ben} register once and can then {act} from any basic phone."
    " | Local staff were trained to support users and to collect their feedback every month."
    " | Content is available in several local languages and was designed with people with"
    " disabilities in mind."
    " | All personal data is stored securely and handled under the national data protection"
    " law."
    " | The design was tested with {ben} in workshops before the first release."
    " | The service is free for users and runs on open standards so that others can reuse it."
    " | Field teams visit {inst} regularly to solve problems and to train new users."
    " | The project works closely with {partner}, which helps it reach {ben} in every"
    " province."
    " | Its main innovation is to bring {svc} and {tool} together in one simple service."
    " | A small team of local developers maintains the system and publishes regular updates."
    " | Users can choose between text, voice and pictures, which matters where literacy is"
    " low."
    " | The project focuses on {dom}, an area where public services had fallen behind."
    " | Each month the team reviews usage data and fixes the problems users report most."
    " | A help desk answers questions by phone and by chat in the evenings and at weekends."
    " | The interface was kept simple so that first-time users need no training."
    " | Data from the system is shared with {inst} to plan resources where they are needed."
)
SUMMARY_RESULT = _t(
    "To date, more than {n} {ben} have used the service, and {n2} {metric} have been"
    " recorded."
    " | An independent evaluation found {out} and a {pct} percent rise in user satisfaction."
    " | In the districts covered, the project has led to {out}."
    " | Women make up {pct} percent of active users, a share the team tracks every quarter."
    " | The results so far include {out} and {n2} {metric}."
    " | Partners report {out}, which was the main aim of the project."
    " | Over {n} {ben} now rely on the service every month."
)
SUMMARY_CLOSING = _t(
    "The model is being replicated in {small} other regions with support from {partner}."
    " | §O now funds the running costs from its own budget, which secures the future of the"
    " service."
    " | The project shows how simple, well supported technology can improve {dom} at scale."
    " | Next, the team plans to {plan}."
    " | The approach is documented openly so that other countries can adopt it."
)

# ---- the long fields ----------------------------------------------------------------------
LINKAGE = _t(
    "The project falls under WSIS Action Line {al}, {catname}, because it uses ICTs to"
    " improve {dom}."
    " | Through {svc}, the project puts the principles of Action Line {al} into practice for"
    " {ben}."
    " | Action Line {al} calls for ICT applications that reach everyone; the project does so"
    " by helping {ben} {act}."
    " | Our work contributes to the Geneva Plan of Action by building {svc} that {inst} can"
    " maintain themselves."
    " | The link with Action Line {al} is direct: {ben} can now {act}."
    " | The project also supports Action Line C4 on capacity building, since every site"
    " trains local staff."
    " | By design, the service promotes multilingualism and inclusion, two WSIS values the"
    " project shares."
    " | The project measures its contribution with indicators agreed with {partner}."
    " | Because {tool} is open and documented, the approach can be reused in other"
    " countries."
    " | The project addresses {chal}, one of the barriers named in national WSIS reviews."
    " | In terms of the Geneva Plan of Action, the project turns Action Line {al} into a"
    " service that {ben} use every day."
    " | Our approach to {dom} follows the WSIS principle that nobody should be left behind."
    " | The project contributes to the WSIS vision of a people-centred information society"
    " by giving {ben} a voice."
    " | Its design follows the guidance of the WSIS Forum on measuring ICT for development."
    " | Work on {svc} is reported every year to the WSIS Stocktaking database."
    " | The project links several action lines: {al} above all, but also C3 on access to"
    " information."
    " | Open standards make sure that {inst} are not locked into a single supplier."
    " | We see the project as a practical answer to the digital divide named in the Tunis"
    " Agenda."
)
SDG_LINK = _t(
    "SDG {k} ({sdgname}): the project contributes by helping {ben} {act}."
    " | It advances SDG {k}, {sdgname}, through {svc}."
    " | For SDG {k} ({sdgname}), the key result is {out}."
    " | Under SDG {k}, the project tracks {metric} as its main indicator."
)
IMPACT = _t(
    "Since {year}, {n} {ben} have used the service."
    " | The number of {metric} grew from {n2} in the first year to {n} last year."
    " | An evaluation by {partner} found {out}."
    " | In participating {inst}, staff report {out}."
    " | Economic impact: users save on average {small} hours and the cost of a trip each"
    " month."
    " | Social impact: the project has led to {out}, especially for women and young people."
    " | Environmental impact: fewer journeys by car and paper forms mean lower emissions."
    " | Surveys show that {pct} percent of users would recommend the service to a friend."
    " | The cost per user fell by {pct} percent as the service grew."
    " | {Ben} interviewed for the evaluation describe {out} as the main change."
    " | The project created {small} permanent jobs and trained {n2} local staff."
    " | Quantitative results: {n} {metric}, {n2} active users and {small} regions covered."
    " | Qualitatively, partners describe stronger trust between {inst} and {ben}."
    " | Data from the platform helped authorities plan {dom} better."
    " | A follow-up study will measure the long-term effect on {dom}."
    " | Independent monitoring counted {n2} {metric} in the last twelve months alone."
    " | A baseline survey in {year} allows the team to compare results before and after."
    " | In the pilot districts, {out} was measured within the first year."
    " | Costs for {inst} fell because paper records and repeated visits are no longer needed."
    " | The project reached {pct} percent of its target group ahead of schedule."
    " | Stories collected from {ben} show that the service changed daily routines."
    " | About {pct} percent of active users live in rural areas."
    " | Energy use is low: the equipment runs on solar power in {small} sites."
    " | The government now uses the project's indicators in its annual report on {dom}."
)
IMPACT_BULLETS = _t(
    "{n} {ben} reached"
    " | {n2} {metric}"
    " | {pct} percent of users are women"
    " | {small} regions covered"
    " | {out}"
    " | {small} new partners joined in the last year"
)
PARTNERSHIPS = _t(
    "The project is implemented with {partner}, which provides expertise and funding."
    " | {partner_cap} contributed staff time and helped reach {ben}."
    " | Local {inst} act as contact points and host the training sessions."
    " | A memorandum of understanding signed in {year} sets out the roles of each partner."
    " | Private sector partners provide equipment at cost and technical support."
    " | Civil society organisations help identify {ben} who need the service most."
    " | The partnership with {partner} made it possible to scale up from the pilot."
    " | Universities evaluate the results and publish their findings openly."
    " | Funding comes from the national budget, {partner} and a small user fee for businesses."
    " | Regular partner meetings, held every quarter, decide on priorities and resources."
    " | The project is part of a regional network that shares lessons among {small} countries."
    " | Volunteers from the community support users and report problems."
    " | {partner_cap} hosts the servers free of charge under a five-year agreement."
    " | A steering committee with {small} members meets twice a year to review progress."
    " | Technical partners trained {n2} local staff to maintain the equipment."
    " | Community leaders helped to build trust and to explain the service to {ben}."
    " | International donors covered the start-up costs; running costs are now local."
    " | The partnership model is written down so that new partners can join easily."
    " | Media partners ran awareness campaigns on radio and social networks."
    " | Each partner signs a data sharing agreement that protects users' privacy."
)
CHALLENGES = _t(
    "The main challenge was {chal}."
    " | We also faced {chal}, which slowed down the roll-out in some districts."
    " | To overcome this, the team worked with {partner} and adapted the design."
    " | Another difficulty was convincing {inst} to change established routines."
    " | The COVID restrictions forced us to move training online for several months."
    " | Keeping the service free for users requires stable funding, which remains a concern."
    " | Looking ahead, the team plans to {plan}."
    " | In the next two years we want to {plan} and reach {n} more {ben}."
    " | The long-term aim is for {inst} to run the service on their own."
    " | We are also exploring how to {plan} with support from {partner}."
    " | Lessons learned are documented in a public guide for similar projects."
    " | Sustainability is ensured by a mix of public funding and service fees."
    " | Staff turnover in {inst} meant that training had to be repeated several times."
    " | Changing regulations required adjustments to the data protection measures."
    " | Some {ben} were reluctant at first and needed time to trust the service."
    " | Rising costs for devices and data bundles remain a risk for the poorest users."
    " | A second phase will test new features with {ben} in {small} more districts."
    " | The team is preparing an open version of the software for other countries."
    " | Future funding will come partly from {partner}, under an agreement signed this year."
    " | We expect the service to be fully integrated into {dom} within three years."
)
FIELD_INTROS: dict[str, tuple[str, ...]] = {
    "Impact": ("Key results:", "Main results so far:", "In numbers:", "Highlights:"),
    "Partnerships": ("Main partners:", "Our partners:", "Partners and their roles:"),
    "Challenges and future": ("Next steps:", "Plans for the next phase:", "Future prospects:"),
}

# English summaries that quote a project's name in another language: a real export has
# them and a language check must not flag them.
FOREIGN_NAMES = _t(
    "«Santé pour tous» (Health for all) | «Escuela Digital» (Digital School) | "
    "«Цифровое село» (Digital Village) | «صحتي» (My Health) | 「数字乡村」 (Digital "
    "Countryside) | «Terra Viva» (Living Land) | «Kilimo Bora» (Better Farming) | "
    "«Mi Salud» (My Health) | «Умная школа» (Smart School) | 「智慧课堂」 (Smart Classroom) | "
    "«مدرستي» (My School) | «Jeunes et Numérique» (Youth and Digital)"
)
FOREIGN_NAME_SENTENCES = _t(
    "Known locally as {foreign}, the project has become a household name in §C."
    " | The service runs under the name {foreign} in the partner communities."
    " | Users simply call it {foreign}, the name chosen by the first pilot villages."
)

TITLE_PATTERNS = _t(
    "{w1} {w2} {place} | {w1}{w2} | {w1} {w2} for {place} | {place} {w1} {w2} | "
    "{w1}{w2} {place} | The {place} {w1} {w2} Initiative | {w1} {w2} {year} | "
    "{w1}-{w2} Programme | {w1} {w2} Network of {place} | Project {w1}{w2}"
)
TITLE_EXTRA_WORDS = _t(
    "Hub | Link | Plus | Bridge | Path | Point | Way | Net | Go | Now | Up | Star | Lab | Box"
    " | Map | Gate | Spark | Wave | Nest | Tree | Sun | One | Hand | Step | Key"
)

# Past winners' titles: coined names used nowhere else, so that only a planted row can
# resemble a past winner.
PAST_WINNER_TITLES = _t(
    "Kilimo Salama Mobile | TeleMedika Outreach | SmartNomad Schools | e-Tawasol Gateway | "
    "AquaSentinel Flood Watch | Mkulima Voice | OpenShelf Libraries | CivicPulse Platform | "
    "ZeroQueue Health | Lumina Braille Readers | HarvestLedger | TrustNet Kids | "
    "Tamkeen Digital Women | VillageCloud Connect | DataRiver Observatory | "
    "Sauti ya Jamii Radio | Ubuntu Mesh Network | MaRoute Transport Data | "
    "Dasturlash Academy | Seva Setu Services | Nuvem Escolar | Qalam Heritage Archive | "
    "BrightPath Careers | FiberSahel Corridor | Pasifika Broadband Alliance | "
    "MedStock Tracker | CodeSisters Bootcamp | FactLens Newsroom | EthicsBoard AI | "
    "Amani Cyber Shield"
)

PROJECT_STATUSES_CLEAN = _t(
    "Completed | Completed | Completed | Key phase completed | Ongoing, key phase completed"
    " | Completed and scaled up | Operational (key phase completed)"
)
PROJECT_STATUSES_NOT_COMPLETED = _t(
    "Planned | Not yet started | Concept stage | In preparation | Design phase, no pilot yet"
)

INTERNAL_NOTES = _t(
    "checked | follow up with focal point | see attachment | logo missing | "
    "=check with regional office | +contact by phone | -no photo | @secretariat please "
    "verify | translated by submitter | resubmitted after platform error"
)

# ---- other languages (rule 10): real sentences, not gibberish ---------------------------
FOREIGN_PASSAGES: dict[str, tuple[str, ...]] = {
    "fr": _t(
        "Le projet aide les agriculteurs des zones rurales à recevoir des conseils par SMS."
        " | Depuis {year}, plus de {n} personnes ont utilisé la plateforme."
        " | Les centres de santé communautaires sont désormais reliés à l'hôpital régional."
        " | Nous avons formé {n2} enseignants à l'utilisation des tablettes en classe."
        " | La plateforme fonctionne aussi sans connexion internet, ce qui est essentiel dans"
        " les villages."
        " | Les femmes représentent {pct} pour cent des utilisateurs actifs."
        " | Le principal défi reste le coût de l'électricité et des terminaux."
        " | Le ministère a décidé d'étendre le service à toutes les provinces."
        " | Les données sont protégées conformément à la loi nationale sur la vie privée."
        " | Une évaluation indépendante a montré une nette réduction des délais d'attente."
        " | Les partenaires locaux assurent la maintenance et la formation des utilisateurs."
        " | Nous souhaitons partager notre expérience avec les pays voisins."
        " | Les contenus sont disponibles en français et dans plusieurs langues nationales."
        " | Le projet a créé {small} emplois permanents dans la région."
    ),
    "es": _t(
        "El proyecto ofrece consultas médicas a distancia en comunidades rurales."
        " | Desde {year}, más de {n} estudiantes han seguido cursos en la plataforma."
        " | Las cooperativas agrícolas reciben alertas sobre el clima y los precios."
        " | Capacitamos a {n2} docentes en el uso pedagógico de la tecnología."
        " | El servicio funciona sin conexión y se sincroniza cuando hay señal."
        " | Las mujeres representan el {pct} por ciento de los usuarios activos."
        " | El principal desafío fue la falta de conectividad en las zonas de montaña."
        " | El gobierno regional financia ahora los costos de operación."
        " | Una evaluación externa mostró una reducción clara de los tiempos de espera."
        " | Los datos personales se protegen de acuerdo con la ley nacional."
        " | Queremos ampliar el proyecto a otros municipios del país."
        " | La plataforma está disponible en español y en lenguas indígenas."
        " | Se crearon {small} empleos permanentes en la región."
        " | Los socios locales se encargan del mantenimiento y de la formación."
    ),
    "ru": _t(
        "Проект помогает жителям отдалённых сёл получать государственные услуги онлайн."
        " | С {year} года платформой воспользовались более {n} человек."
        " | Мы обучили {n2} учителей работе с цифровыми образовательными ресурсами."
        " | Сельские больницы подключены к региональному телемедицинскому центру."
        " | Сервис работает даже при слабом интернет-соединении."
        " | Женщины составляют {pct} процентов активных пользователей."
        " | Главной трудностью стала нехватка квалифицированных специалистов."
        " | Региональное правительство взяло на себя расходы на поддержку системы."
        " | Независимая оценка показала заметное сокращение времени ожидания."
        " | Персональные данные защищены в соответствии с национальным законодательством."
        " | Мы планируем распространить опыт на соседние регионы."
        " | Материалы доступны на русском языке и на языках коренных народов."
        " | В рамках проекта создано {small} постоянных рабочих мест."
        " | Местные партнёры отвечают за техническое обслуживание и обучение."
    ),
    "ar": _t(
        "يساعد المشروع سكان المناطق الريفية على الوصول إلى الخدمات الحكومية عبر الإنترنت."
        " | منذ عام {year} استخدم المنصة أكثر من {n} مستخدم."
        " | قمنا بتدريب {n2} معلم على استخدام الموارد التعليمية الرقمية."
        " | تم ربط المراكز الصحية الريفية بالمستشفى الإقليمي عبر الطب عن بعد."
        " | تعمل الخدمة حتى عند ضعف الاتصال بالإنترنت."
        " | تشكل النساء {pct} في المائة من المستخدمين النشطين."
        " | كان التحدي الرئيسي نقص الكوادر المتخصصة في المناطق النائية."
        " | تتحمل الحكومة المحلية الآن تكاليف تشغيل النظام."
        " | أظهر تقييم مستقل انخفاضا واضحا في أوقات الانتظار."
        " | تتم حماية البيانات الشخصية وفقا للقانون الوطني."
        " | نخطط لتوسيع المشروع ليشمل جميع المحافظات."
        " | المحتوى متاح باللغة العربية وبلغات محلية أخرى."
        " | وفر المشروع {small} وظائف دائمة في المنطقة."
        " | يتولى الشركاء المحليون الصيانة وتدريب المستخدمين."
    ),
    # Chinese has no spaces between words: a passage is a run of sentences.
    "zh": _t(
        "该项目帮助偏远地区的农民通过手机获取天气和市场价格信息。"
        " | 自{year}年以来，已有超过{n}名用户使用该平台。"
        " | 我们为{n2}名乡村教师提供了数字化教学培训。"
        " | 乡镇卫生院已通过远程医疗系统与县级医院相连。"
        " | 即使在网络信号较弱的地方，该服务也能正常运行。"
        " | 女性占活跃用户的百分之{pct}。"
        " | 主要困难是偏远地区缺乏专业技术人员。"
        " | 地方政府现已承担系统的运行费用。"
        " | 独立评估显示，群众办事的等待时间明显缩短。"
        " | 个人数据依照国家法律受到严格保护。"
        " | 我们计划将这一经验推广到更多省份。"
        " | 平台内容提供中文和多种少数民族语言版本。"
        " | 项目在当地创造了{small}个长期就业岗位。"
        " | 当地合作伙伴负责系统维护和用户培训。"
    ),
}

FOREIGN_TITLES: dict[str, tuple[str, ...]] = {
    "fr": _t("Santé Connectée | École Numérique Rurale | Village Intelligent | Agri Conseil"),
    "es": _t("Salud Digital Rural | Escuela Conectada | Campo Inteligente | Gobierno Cercano"),
    "ru": _t("Цифровое село | Умная школа | Электронное правительство региона | Телемедицина"),
    "ar": _t("صحتي الرقمية | مدرستي الذكية | الحكومة الإلكترونية | الزراعة الذكية"),
    "zh": _t("数字乡村服务平台 | 智慧课堂 | 远程医疗协作网 | 智慧农业信息服务"),
}

# ---- variation applied when pools are filled: breaks up the templates' skeletons, so
# that texts read less alike (and compress about as badly as real prose does) --------------
OPENERS = _t(
    "In {year}, | Over the last two years, | According to the project team, | As planned, | "
    "From the start, | In practice, | In the pilot phase, | Since the launch, | "
    "After the first evaluation, | In most districts, | By the end of {year}, | "
    "With modest resources, | In rural areas, | Above all, | As a result, | "
    "During the second phase, | Step by step, | Following user feedback, | "
    "In close cooperation with local partners, | Despite a tight budget, | "
    "Within eighteen months, | Across the country, | For the first time, | Importantly, | "
    "In the northern provinces, | In the southern regions, | On average, | Notably, | "
    "In partnership with municipalities, | Unlike earlier efforts,"
)
TRAILERS = _t(
    "according to the latest survey | in most participating districts | since the start "
    "of the pilot | at a fraction of the earlier cost | in both urban and rural areas | "
    "despite limited connectivity | with the support of local volunteers | as the monitoring "
    "data confirm | within the first year of operation | in line with national priorities | "
    "especially in remote communities | well ahead of the original schedule | at no cost to "
    "the users | in several local languages | by the end of the reporting period | "
    "through a phased roll-out | as independent reviewers noted | without additional staff | "
    "thanks to a strong local team | in every region where the service runs"
)
# word -> replacements that fit wherever the word occurs in the templates
SYNONYMS: dict[str, tuple[str, ...]] = {
    "main": ("key", "principal", "central", "primary"),
    "project": ("initiative", "programme", "project"),
    "service": ("platform", "system", "service", "solution"),
    "users": ("beneficiaries", "end users", "participants", "users"),
    "improve": ("strengthen", "raise the quality of", "upgrade", "transform"),
    "regularly": ("frequently", "on a regular basis", "often", "routinely"),
    "several": ("a number of", "various", "multiple", "some"),
    "simple": ("easy", "straightforward", "uncomplicated", "simple"),
    "team": ("staff", "team", "project team"),
    "results": ("outcomes", "achievements", "results", "findings"),
    "found": ("showed", "found", "reported", "documented"),
    "now": ("today", "now", "at present", "currently"),
    "many": ("numerous", "many", "a large number of", "plenty of"),
    "costs": ("expenses", "costs", "spending"),
    "important": ("essential", "vital", "crucial", "important"),
    "trained": ("coached", "trained", "instructed"),
    "every": ("each", "every"),
    "problems": ("issues", "problems", "difficulties", "obstacles"),
}
