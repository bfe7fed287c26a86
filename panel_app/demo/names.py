"""Countries, organisation names and person names for the demo submission sets.

Names are made of parts (a place, a field, a kind of body) so that 100k submissions can
come from tens of thousands of distinct entities. Chinese, Arabic and Cyrillic names are
written the way they appear in real exports: in their own script, with a Latin
abbreviation only for the web domain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    name: str
    region: str  # which name lists to draw from: "latin", "zh", "ar", "cyr", "fr", "es"
    tld: str
    cities: tuple[str, ...]
    weight: int  # how often the country submits (real sets are uneven)


def _c(name: str, region: str, tld: str, cities: str, weight: int = 2) -> Country:
    return Country(name, region, tld, tuple(c.strip() for c in cities.split(",")), weight)


COUNTRIES: tuple[Country, ...] = (
    _c("United Arab Emirates", "ar", "ae", "Dubai, Abu Dhabi, Sharjah, Ajman", 9),
    _c("Saudi Arabia", "ar", "sa", "Riyadh, Jeddah, Dammam, Medina", 8),
    _c("Egypt", "ar", "eg", "Cairo, Alexandria, Giza, Aswan", 6),
    _c("Oman", "ar", "om", "Muscat, Salalah, Sohar", 4),
    _c("Qatar", "ar", "qa", "Doha, Al Rayyan", 3),
    _c("Jordan", "ar", "jo", "Amman, Irbid, Zarqa", 3),
    _c("Bahrain", "ar", "bh", "Manama, Muharraq", 3),
    _c("Tunisia", "ar", "tn", "Tunis, Sfax, Sousse", 2),
    _c("Morocco", "fr", "ma", "Rabat, Casablanca, Marrakesh, Fes", 2),
    _c("Kuwait", "ar", "kw", "Kuwait City, Hawalli", 2),
    _c("China", "zh", "cn", "Beijing, Shanghai, Shenzhen, Hangzhou, Chengdu, Guiyang", 7),
    _c("Russian Federation", "cyr", "ru", "Moscow, Kazan, Novosibirsk, Yekaterinburg", 5),
    _c("Kazakhstan", "cyr", "kz", "Astana, Almaty, Shymkent", 2),
    _c("Belarus", "cyr", "by", "Minsk, Gomel, Brest", 2),
    _c("Kyrgyzstan", "cyr", "kg", "Bishkek, Osh", 1),
    _c("India", "latin", "in", "New Delhi, Bengaluru, Mumbai, Pune, Chennai, Hyderabad", 8),
    _c("Pakistan", "latin", "pk", "Islamabad, Lahore, Karachi", 3),
    _c("Bangladesh", "latin", "bd", "Dhaka, Chittagong, Khulna", 4),
    _c("Sri Lanka", "latin", "lk", "Colombo, Kandy, Galle", 2),
    _c("Nepal", "latin", "np", "Kathmandu, Pokhara", 2),
    _c("Indonesia", "latin", "id", "Jakarta, Bandung, Surabaya, Yogyakarta", 3),
    _c("Malaysia", "latin", "my", "Kuala Lumpur, Penang, Johor Bahru", 2),
    _c("Philippines", "latin", "ph", "Manila, Cebu, Davao", 2),
    _c("Thailand", "latin", "th", "Bangkok, Chiang Mai, Khon Kaen", 2),
    _c("Viet Nam", "latin", "vn", "Hanoi, Ho Chi Minh City, Da Nang", 2),
    _c("Republic of Korea", "latin", "kr", "Seoul, Busan, Daejeon", 2),
    _c("Japan", "latin", "jp", "Tokyo, Osaka, Sendai", 1),
    _c("Kenya", "latin", "ke", "Nairobi, Mombasa, Kisumu, Nakuru", 5),
    _c("Nigeria", "latin", "ng", "Lagos, Abuja, Ibadan, Kano", 5),
    _c("Ghana", "latin", "gh", "Accra, Kumasi, Tamale", 3),
    _c("Uganda", "latin", "ug", "Kampala, Gulu, Mbarara", 3),
    _c("United Republic of Tanzania", "latin", "tz", "Dar es Salaam, Dodoma, Arusha", 2),
    _c("Rwanda", "latin", "rw", "Kigali, Huye, Musanze", 3),
    _c("South Africa", "latin", "za", "Johannesburg, Cape Town, Durban, Pretoria", 3),
    _c("Zimbabwe", "latin", "zw", "Harare, Bulawayo", 2),
    _c("Zambia", "latin", "zm", "Lusaka, Ndola", 1),
    _c("Ethiopia", "latin", "et", "Addis Ababa, Bahir Dar", 2),
    _c("Senegal", "fr", "sn", "Dakar, Thiès, Saint-Louis", 2),
    _c("Côte d'Ivoire", "fr", "ci", "Abidjan, Yamoussoukro, Bouaké", 2),
    _c("Cameroon", "fr", "cm", "Yaoundé, Douala", 2),
    _c("Burkina Faso", "fr", "bf", "Ouagadougou, Bobo-Dioulasso", 1),
    _c("Benin", "fr", "bj", "Cotonou, Porto-Novo", 1),
    _c("Niger", "fr", "ne", "Niamey, Zinder", 1),
    _c("Democratic Republic of the Congo", "fr", "cd", "Kinshasa, Lubumbashi, Goma", 1),
    _c("Mexico", "es", "mx", "Mexico City, Guadalajara, Monterrey, Puebla", 3),
    _c("Colombia", "es", "co", "Bogotá, Medellín, Cali", 2),
    _c("Argentina", "es", "ar", "Buenos Aires, Córdoba, Rosario", 2),
    _c("Peru", "es", "pe", "Lima, Arequipa, Cusco", 1),
    _c("Chile", "es", "cl", "Santiago, Valparaíso", 1),
    _c("Spain", "es", "es", "Madrid, Barcelona, Valencia, Seville", 2),
    _c("Costa Rica", "es", "cr", "San José, Cartago", 1),
    _c("Brazil", "latin", "br", "São Paulo, Rio de Janeiro, Brasília, Recife", 3),
    _c("Portugal", "latin", "pt", "Lisbon, Porto, Coimbra", 1),
    _c("France", "fr", "fr", "Paris, Lyon, Marseille, Toulouse", 1),
    _c("Switzerland", "latin", "ch", "Geneva, Zurich, Lausanne, Bern", 2),
    _c("Germany", "latin", "de", "Berlin, Munich, Hamburg, Bonn", 1),
    _c("United Kingdom", "latin", "uk", "London, Manchester, Edinburgh, Cardiff", 2),
    _c("Poland", "latin", "pl", "Warsaw, Krakow, Gdansk", 2),
    _c("Romania", "latin", "ro", "Bucharest, Cluj-Napoca, Iasi", 1),
    _c("Türkiye", "latin", "tr", "Ankara, Istanbul, Izmir", 2),
    _c("Azerbaijan", "latin", "az", "Baku, Ganja", 1),
    _c("Georgia", "latin", "ge", "Tbilisi, Batumi", 1),
    _c("Uzbekistan", "latin", "uz", "Tashkent, Samarkand, Bukhara", 2),
    _c("United States", "latin", "us", "New York, Washington, San Francisco, Boston", 2),
    _c("Canada", "latin", "ca", "Toronto, Ottawa, Montreal, Vancouver", 1),
    _c("Jamaica", "latin", "jm", "Kingston, Montego Bay", 1),
    _c("Fiji", "latin", "fj", "Suva, Lautoka", 1),
    _c("Australia", "latin", "au", "Sydney, Melbourne, Canberra", 1),
)

# Body kinds, by stakeholder type key of the edition (matched loosely, see generator).
STAKEHOLDER_KINDS = ("government", "private", "civil", "academia", "international")

# ---- Latin-script organisation names -----------------------------------------------------
LATIN_GOV = (
    "Ministry of {field} of {country}",
    "Ministry of {field}, {country}",
    "National {field} Agency of {country}",
    "{country} {field} Authority",
    "{city} City Council",
    "{city} Regional {field} Office",
    "Municipality of {city}",
    "Office of the Government Chief Information Officer, {country}",
    "{country} Telecommunications Regulatory Authority",
    "Department of {field}, {city} Province",
)
LATIN_PRIVATE = (
    "{coined} {industry} Ltd.",
    "{coined} Technologies",
    "{coined} Solutions Inc.",
    "{coined} {industry} Limited",
    "{coined} Digital",
    "{coined} Labs",
    "{coined} Networks Pvt. Ltd.",
    "{coined} Telecom",
    "{coined} Systems GmbH",
    "{coined} & Partners",
)
LATIN_CIVIL = (
    "{coined} Foundation",
    "Association for {cause} in {country}",
    "{city} Digital Women Network",
    "{coined} Trust",
    "{country} Society for {cause}",
    "Friends of {coined}",
    "{coined} Youth Initiative",
    "{city} Community Network",
    "Centre for {cause}, {city}",
)
LATIN_ACADEMIA = (
    "University of {city}",
    "{city} Institute of Technology",
    "National University of {country}",
    "{country} Research and Education Network",
    "{city} Polytechnic",
    "{coined} University",
    "Faculty of Computer Science, University of {city}",
    "{city} School of Public Health",
)
LATIN_INTERNATIONAL = (
    "Regional Centre for {cause} in {region}",
    "{region} Telecommunication Organisation",
    "International Network for {cause}",
    "{region} Digital Cooperation Platform",
    "{coined} International",
    "Global Alliance for {cause}",
)
FIELDS = (
    "Communications and Information Technology",
    "Digital Economy",
    "Health",
    "Education",
    "ICT and Innovation",
    "Agriculture",
    "Environment",
    "Labour and Employment",
    "Culture",
    "Digital Transformation",
    "Public Administration",
    "Posts and Telecommunications",
    "Science and Technology",
    "Youth and Sports",
    "Women and Family Affairs",
    "Interior",
    "Finance",
    "E-Government",
)
INDUSTRIES = (
    "Software",
    "Telecom",
    "Data",
    "Health Tech",
    "Agritech",
    "Fintech",
    "Media",
    "Cloud",
    "Energy",
    "Mobile",
)
CAUSES = (
    "Digital Inclusion",
    "Open Knowledge",
    "Women in Technology",
    "Rural Development",
    "Child Online Safety",
    "Media Freedom",
    "Accessible ICTs",
    "Community Networks",
    "Digital Rights",
    "Youth Employment",
    "Sustainable Cities",
    "Local Content",
)
REGIONS = (
    "Africa",
    "the Arab Region",
    "Asia and the Pacific",
    "Latin America",
    "the Caribbean",
    "Central Asia",
    "Eastern Europe",
    "the Pacific Islands",
)
# Syllables of coined brand names ("Zentrava", "Kivora"): a large space of names that
# belong to no real organisation.


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SYLLABLES_A = _words(
    "Zen Kiv Nuv Lum Tar Sol Vex Ori Mar Qua Del Ara Bel Cor Dyn Ela Fen Gal Hel Ixo Jor "
    "Kal Lyr Mon Nex Oda Pra Rho Sar Tel Uma Vel Wir Xan Yar Zor Amb Bra Cel Dor"
)
SYLLABLES_B = _words("tra vo ra li ne mi sa do ka ri te lo na vi ro ma xe zi ta ge pe bu fo ha")
SYLLABLES_C = _words("va x na ra on ia is um en ix o a ar el in us")

# ---- Chinese organisation names: place + field + kind -----------------------------------
ZH_PLACES = (
    ("中国", "c"),
    ("北京市", "bj"),
    ("上海市", "sh"),
    ("广东省", "gd"),
    ("浙江省", "zj"),
    ("江苏省", "js"),
    ("四川省", "sc"),
    ("贵州省", "gz"),
    ("云南省", "yn"),
    ("湖北省", "hb"),
    ("福建省", "fj"),
    ("山东省", "sd"),
    ("深圳市", "sz"),
    ("杭州市", "hz"),
    ("成都市", "cd"),
    ("武汉市", "wh"),
    ("南京市", "nj"),
    ("重庆市", "cq"),
    ("天津市", "tj"),
    ("西安市", "xa"),
)
ZH_FIELDS = (
    ("信息通信", "ict"),
    ("数字经济", "de"),
    ("智慧农业", "sa"),
    ("远程医疗", "tm"),
    ("教育信息化", "ei"),
    ("网络安全", "cs"),
    ("大数据", "bd"),
    ("人工智能", "ai"),
    ("电子政务", "eg"),
    ("数字文化", "dc"),
    ("互联网", "inet"),
    ("智慧城市", "sc"),
    ("科技", "tech"),
    ("软件", "soft"),
)
# kind text, Latin abbreviation, stakeholder kind
ZH_KINDS = (
    ("研究院", "ri", "academia"),
    ("研究中心", "rc", "academia"),
    ("大学", "u", "academia"),
    ("学院", "c", "academia"),
    ("有限公司", "co", "private"),
    ("科技有限公司", "tc", "private"),
    ("股份有限公司", "cl", "private"),
    ("协会", "a", "civil"),
    ("促进会", "pa", "civil"),
    ("基金会", "f", "civil"),
    ("管理局", "ad", "government"),
    ("发展中心", "dc", "government"),
    ("办公室", "o", "government"),
)

# ---- Arabic organisation names: kind + field + place -------------------------------------
AR_KINDS = (
    ("هيئة", "authority", "government"),
    ("وزارة", "ministry", "government"),
    ("مركز", "centre", "government"),
    ("جامعة", "university", "academia"),
    ("معهد", "institute", "academia"),
    ("مؤسسة", "foundation", "civil"),
    ("جمعية", "association", "civil"),
    ("شركة", "company", "private"),
)
AR_FIELDS = (
    ("الاتصالات وتقنية المعلومات", "ict"),
    ("الحكومة الرقمية", "dg"),
    ("الصحة الرقمية", "dh"),
    ("التعليم الإلكتروني", "el"),
    ("الأمن السيبراني", "cs"),
    ("الزراعة الذكية", "sa"),
    ("الاقتصاد الرقمي", "de"),
    ("تنظيم الاتصالات", "tra"),
    ("البيانات والذكاء الاصطناعي", "dai"),
    ("المدن الذكية", "sc"),
    ("التحول الرقمي", "dt"),
)
AR_PLACES = (  # place, Latin abbreviation, country
    ("دبي", "dxb", "United Arab Emirates"),
    ("أبوظبي", "auh", "United Arab Emirates"),
    ("الشارقة", "shj", "United Arab Emirates"),
    ("الرياض", "ruh", "Saudi Arabia"),
    ("جدة", "jed", "Saudi Arabia"),
    ("المنطقة الشرقية", "east", "Saudi Arabia"),
    ("القاهرة", "cai", "Egypt"),
    ("الإسكندرية", "alx", "Egypt"),
    ("مسقط", "mct", "Oman"),
    ("ظفار", "dho", "Oman"),
    ("الدوحة", "doh", "Qatar"),
    ("عمّان", "amm", "Jordan"),
    ("إربد", "irb", "Jordan"),
    ("المنامة", "bah", "Bahrain"),
    ("تونس", "tun", "Tunisia"),
    ("صفاقس", "sfx", "Tunisia"),
    ("الكويت", "kwi", "Kuwait"),
)

# ---- Cyrillic organisation names ---------------------------------------------------------
CYR_REGIONS = (  # region in the genitive, Latin abbreviation, country
    ("Республики Татарстан", "tat", "Russian Federation"),
    ("Новосибирской области", "nso", "Russian Federation"),
    ("Свердловской области", "svo", "Russian Federation"),
    ("города Москвы", "msk", "Russian Federation"),
    ("Томской области", "tom", "Russian Federation"),
    ("Краснодарского края", "krd", "Russian Federation"),
    ("Республики Саха (Якутия)", "sakha", "Russian Federation"),
    ("Нижегородской области", "nn", "Russian Federation"),
    ("Республики Казахстан", "kz", "Kazakhstan"),
    ("Алматинской области", "alm", "Kazakhstan"),
    ("города Астаны", "ast", "Kazakhstan"),
    ("Республики Беларусь", "by", "Belarus"),
    ("Минской области", "mno", "Belarus"),
    ("Кыргызской Республики", "kg", "Kyrgyzstan"),
    ("Чуйской области", "chui", "Kyrgyzstan"),
)
CYR_BRANDS = (
    ("Цифровые решения", "cifra"),
    ("ТехноСфера", "tsfera"),
    ("ИнфоТех", "infotech"),
    ("Умный город", "umgorod"),
    ("СеверТелеком", "sevtel"),
    ("Открытые данные", "opendata"),
    ("МедИнфо", "medinfo"),
    ("АгроЦифра", "agrocifra"),
    ("Школа будущего", "shkola"),
    ("Сеть знаний", "znanie"),
)
# template, abbreviation, stakeholder kind; {region} in the genitive, {brand} a name
CYR_PATTERNS = (
    ("Министерство цифрового развития {region}", "mcr", "government"),
    ("Министерство здравоохранения {region}", "mz", "government"),
    ("Агентство информационных технологий {region}", "ait", "government"),
    ("ООО «{brand}»", "ooo", "private"),
    ("АО «{brand}»", "ao", "private"),
    ("АНО «Центр цифровых компетенций {region}»", "cck", "civil"),
    ("Фонд «{brand}»", "fond", "civil"),
    ("Государственный технический университет {region}", "gtu", "academia"),
    ("Институт информационных технологий {region}", "iit", "academia"),
)

# ---- people -------------------------------------------------------------------------------
# (written name, Latin form for the e-mail address)
PEOPLE: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {}


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for item in text.split(","):
        shown, _, latin = item.strip().partition("=")
        out.append((shown.strip(), (latin or shown).strip()))
    return tuple(out)


PEOPLE["latin"] = (
    _pairs(
        "Amina, Priya, Rahul, Grace, John, Maria, Ana, Sophie, David, Fatima, Joseph, "
        "Nkechi, Kwame, Aisha, Daniel, Sarah, Mohammed, Olga, Li, Wei, Ravi, Anjali, "
        "Peter, Esther, Samuel, Ruth, Thandiwe, Sipho, Linh, Nguyen, Siti, Budi, Arjun, "
        "Meera, James, Elena, Tomasz, Agnieszka, Ayesha, Imran, Chen, Hannah, Mercy, Brian"
    ),
    _pairs(
        "Okafor, Sharma, Mensah, Otieno, Kamau, Mukherjee, Silva, Ndlovu, Hassan, Khan, "
        "Smith, Garcia, Nguyen, Wanjiru, Adeyemi, Banda, Patel, Singh, Rahman, Fernando, "
        "Santos, Kowalski, Müller, Haddad, Tan, Lim, Suzuki, Kim, Park, Osei, Mwangi, "
        "Achieng, Dlamini, Pereira, Hossain, Gupta, Iyer, Nair, Perera, Ochieng"
    ),
)
PEOPLE["fr"] = (
    _pairs(
        "Aminata, Moussa, Fatou, Ibrahima, Awa, Mamadou, Claire, Jean-Baptiste, Mariam, "
        "Ousmane, Aïcha=Aicha, Hélène=Helene, Koffi, Adjoa, Yves, Salif"
    ),
    _pairs(
        "Diop, Traoré=Traore, Ndiaye, Koné=Kone, Ouédraogo=Ouedraogo, Diallo, Kouassi, "
        "Mbarga, Sow, Camara, Fall, Dubois, Mbeki, Tshibanda, Hounkpatin"
    ),
)
PEOPLE["es"] = (
    _pairs(
        "María=Maria, José=Jose, Lucía=Lucia, Carlos, Camila, Andrés=Andres, Valentina, "
        "Diego, Sofía=Sofia, Javier, Gabriela, Mateo, Paula, Alejandro"
    ),
    _pairs(
        "García=Garcia, Rodríguez=Rodriguez, Martínez=Martinez, López=Lopez, González=Gonzalez, "
        "Hernández=Hernandez, Pérez=Perez, Sánchez=Sanchez, Ramírez=Ramirez, Torres, Flores, "
        "Castillo, Vargas, Rojas"
    ),
)
PEOPLE["ar"] = (
    _pairs(
        "Ahmed, Mohammed, Fatima, Aisha, Omar, Khalid, Layla, Noura, Yousef, Mariam, "
        "Hassan, Salma, أحمد=Ahmed, فاطمة=Fatima, محمد=Mohammed, نورة=Noura, خالد=Khalid"
    ),
    _pairs(
        "Al-Mansouri, Al-Harbi, Al-Saud, El-Sayed, Haddad, Al-Hashimi, Al-Farsi, Khalil, "
        "Nasser, Al-Qahtani, Mansour, الحربي=Alharbi, المنصوري=Almansouri, "
        "الهاشمي=Alhashimi, السيد=Elsayed"
    ),
)
PEOPLE["zh"] = (
    _pairs("伟=Wei, 芳=Fang, 娜=Na, 敏=Min, 静=Jing, 磊=Lei, 强=Qiang, 洋=Yang, 艳=Yan, 军=Jun"),
    _pairs("王=Wang, 李=Li, 张=Zhang, 刘=Liu, 陈=Chen, 杨=Yang, 赵=Zhao, 黄=Huang, 周=Zhou, 吴=Wu"),
)
PEOPLE["cyr"] = (
    _pairs(
        "Анна=Anna, Ольга=Olga, Сергей=Sergey, Дмитрий=Dmitry, Елена=Elena, Алексей=Alexey, "
        "Наталья=Natalia, Айгерим=Aigerim, Нурлан=Nurlan, Ирина=Irina, Andrei, Tatiana"
    ),
    _pairs(
        "Иванова=Ivanova, Петров=Petrov, Смирнова=Smirnova, Кузнецов=Kuznetsov, "
        "Соколова=Sokolova, Ахметов=Akhmetov, Сулейменова=Suleimenova, Попов=Popov, "
        "Orlova, Volkov"
    ),
)
