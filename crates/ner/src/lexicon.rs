//! Word lists: hints for the tagger and for merging names.
//!
//! Everything here is written by hand and deliberately small: the lists only have to tip the
//! balance where the training data is thin (is a capitalised run a place, an organisation or a
//! person, and is a sentence-initial word a name at all). The tagger learns how much each list
//! counts ([`super::features`]). Name lists hold
//! names as they are written (case-sensitive), word lists hold lowercase words. Each list is
//! turned into a `HashSet` once, on first use, so lookups cost a hash and no allocation.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::EntityKind;
use crate::words::strip_genitive;

/// A word list that is built into a hash set on first use.
pub(super) struct WordSet(LazyLock<HashSet<&'static str>>);

impl WordSet {
    const fn new(build: fn() -> HashSet<&'static str>) -> Self {
        Self(LazyLock::new(build))
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }
}

macro_rules! word_set {
    ($(#[$doc:meta])* $name:ident = [$($word:literal),* $(,)?]) => {
        $(#[$doc])*
        pub(super) static $name: WordSet = WordSet::new(|| [$($word),*].into_iter().collect());
    };
}

word_set! {
    /// Countries, regions, continents and cities (Norwegian spellings, plus common variants).
    /// Capital cities and the Norwegian towns most often in the news; not meant to be complete.
    PLACES = [
        // Norway and its parts.
        "Norge", "Noreg", "Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Kristiansand",
        "Drammen", "Fredrikstad", "Sandnes", "Sarpsborg", "Skien", "Ålesund", "Sandefjord",
        "Haugesund", "Tønsberg", "Moss", "Bodø", "Arendal", "Hamar", "Larvik", "Halden",
        "Lillehammer", "Molde", "Harstad", "Gjøvik", "Kongsberg", "Narvik", "Alta", "Steinkjer",
        "Levanger", "Kristiansund", "Porsgrunn", "Horten", "Askøy", "Asker", "Bærum",
        "Lørenskog", "Lillestrøm", "Jessheim", "Ski", "Elverum", "Kongsvinger", "Hønefoss",
        "Mo", "Mosjøen", "Namsos", "Hammerfest", "Vadsø", "Kirkenes", "Longyearbyen", "Florø",
        "Førde", "Voss", "Odda", "Stord", "Leikanger", "Sogndal", "Volda", "Ørsta", "Egersund",
        "Grimstad", "Mandal", "Flekkefjord", "Notodden", "Rjukan", "Geilo", "Fagernes",
        "Røros", "Orkanger", "Stjørdal", "Verdal", "Finnsnes", "Svolvær", "Leknes", "Sortland",
        "Vardø", "Honningsvåg", "Karasjok", "Kautokeino", "Lakselv", "Sunndalsøra", "Åndalsnes",
        "Oppdal", "Brønnøysund", "Sandnessjøen", "Mo i Rana", "Rana", "Ringerike", "Hadeland",
        "Østfold", "Akershus", "Hedmark", "Oppland", "Buskerud", "Vestfold", "Telemark",
        "Agder", "Aust-Agder", "Vest-Agder", "Rogaland", "Hordaland", "Vestland",
        "Sogn og Fjordane", "Sogn", "Møre og Romsdal", "Sunnmøre", "Nordmøre", "Romsdal",
        "Trøndelag", "Sør-Trøndelag", "Nord-Trøndelag", "Nordland", "Troms", "Finnmark",
        "Innlandet", "Viken", "Svalbard", "Jan Mayen", "Lofoten", "Vesterålen", "Jæren",
        "Hallingdal", "Valdres", "Gudbrandsdalen", "Østerdalen", "Setesdal", "Hardanger",
        "Vestlandet", "Østlandet", "Sørlandet", "Nord-Norge", "Sør-Norge", "Midt-Norge",
        "Nordkapp", "Grünerløkka", "Majorstuen", "Frogner", "Grønland", "Holmenkollen",
        "Fornebu", "Gardermoen", "Flesland", "Værnes", "Sola", "Utøya", "Karmøy", "Bømlo",
        "Sotra", "Hitra", "Frøya", "Senja", "Lyngen", "Jotunheimen", "Hardangervidda",
        // Nordic and European countries and cities.
        "Sverige", "Danmark", "Finland", "Island", "Færøyane", "Færøyene", "Grønland",
        "Stockholm", "Göteborg", "Gøteborg", "Malmö", "Malmø", "København", "Aarhus", "Århus",
        "Helsingfors", "Helsinki", "Reykjavik", "Tórshavn", "Uppsala", "Kiruna",
        "Tyskland", "Frankrike", "Storbritannia", "England", "Skottland", "Wales", "Irland",
        "Nord-Irland", "Spania", "Portugal", "Italia", "Hellas", "Nederland", "Holland",
        "Belgia", "Luxembourg", "Sveits", "Østerrike", "Polen", "Tsjekkia", "Slovakia",
        "Ungarn", "Romania", "Bulgaria", "Serbia", "Kroatia", "Slovenia", "Bosnia",
        "Montenegro", "Albania", "Makedonia", "Nord-Makedonia", "Kosovo", "Estland", "Latvia",
        "Litauen", "Hviterussland", "Belarus", "Ukraina", "Moldova", "Russland", "Georgia",
        "Armenia", "Aserbajdsjan", "Tyrkia", "Kypros", "Malta", "Monaco", "Andorra",
        "Liechtenstein", "Vatikanet", "Europa", "Skandinavia", "Norden", "Baltikum", "Balkan",
        "Kaukasus", "Sibir", "Krim", "Tsjetsjenia", "Donbas", "EU", "Sovjetunionen",
        "Sovjet", "Vesten", "Austen", "Østen", "Jugoslavia", "Tsjekkoslovakia",
        "Vatikanstaten", "Østerrike-Ungarn",
        "London", "Paris", "Berlin", "Roma", "Madrid", "Barcelona", "Lisboa", "Brussel",
        "Amsterdam", "Haag", "Den Haag", "Wien", "Praha", "Warszawa", "Budapest", "Bucuresti",
        "Sofia", "Beograd", "Zagreb", "Sarajevo", "Aten", "Istanbul", "Ankara", "Moskva",
        "St. Petersburg", "Sankt Petersburg", "Sotsji", "Murmansk", "Arkhangelsk", "Kyiv",
        "Kiev", "Odessa", "Minsk", "Riga", "Tallinn", "Vilnius", "Genève", "Genf", "Zürich",
        "Bern", "Hamburg", "München", "Frankfurt", "Köln", "Milano", "Napoli", "Venezia",
        "Firenze", "Marseille", "Lyon", "Nice", "Manchester", "Liverpool", "Edinburgh",
        "Glasgow", "Dublin", "Belfast", "Strasbourg", "Davos", "Gdansk", "Krakow",
        // The rest of the world.
        "USA", "Amerika", "Canada", "Mexico", "Cuba", "Haiti", "Brasil", "Argentina", "Chile",
        "Peru", "Colombia", "Venezuela", "Bolivia", "Ecuador", "Uruguay", "Paraguay",
        "Nicaragua", "Guatemala", "Honduras", "Panama", "Costa Rica", "El Salvador",
        "Jamaica", "Kina", "Japan", "India", "Pakistan", "Afghanistan", "Iran", "Irak", "Syria",
        "Libanon", "Israel", "Palestina", "Gaza", "Vestbredden", "Jordan", "Egypt",
        "Saudi-Arabia", "Jemen", "Oman", "Qatar", "Kuwait", "Bahrain", "De forente arabiske emirater",
        "Emiratene", "Nord-Korea", "Sør-Korea", "Korea", "Taiwan", "Hongkong", "Hong Kong",
        "Vietnam", "Thailand", "Myanmar", "Burma", "Kambodsja", "Laos", "Malaysia",
        "Singapore", "Indonesia", "Filippinene", "Bangladesh", "Sri Lanka", "Nepal", "Bhutan",
        "Mongolia", "Kasakhstan", "Usbekistan", "Kirgisistan", "Tadsjikistan", "Turkmenistan",
        "Australia", "New Zealand", "Afrika", "Asia", "Oseania", "Antarktis", "Arktis",
        "Nord-Amerika", "Sør-Amerika", "Latin-Amerika", "Mellom-Amerika", "Midtøsten",
        "Midt-Østen", "Nord-Afrika", "Sør-Afrika", "Vest-Afrika", "Øst-Afrika", "Nigeria",
        "Ghana", "Kenya", "Etiopia", "Eritrea", "Somalia", "Sudan", "Sør-Sudan", "Uganda",
        "Tanzania", "Rwanda", "Burundi", "Kongo", "Angola", "Zambia", "Zimbabwe", "Mosambik",
        "Malawi", "Namibia", "Botswana", "Madagaskar", "Mali", "Niger", "Tsjad", "Senegal",
        "Kamerun", "Elfenbenskysten", "Liberia", "Sierra Leone", "Guinea", "Libya", "Tunisia",
        "Algerie", "Marokko", "Vest-Sahara", "Sahara", "Europa", "Washington", "New York",
        "Los Angeles", "San Francisco", "Chicago", "Boston", "Houston", "Dallas", "Miami",
        "Seattle", "Atlanta", "Detroit", "Las Vegas", "Texas", "California", "Florida",
        "Alaska", "Hawaii", "Ohio", "Michigan", "Virginia", "Colorado", "Kentucky",
        "New Hampshire", "Nevada", "Indiana", "Montana", "North Carolina", "South Carolina",
        "Minnesota", "Wisconsin", "Utah", "Oregon", "Arizona", "Iowa", "Illinois",
        "Pennsylvania", "New Jersey", "Massachusetts", "Tennessee", "Louisiana", "Alabama",
        "Missouri", "Wyoming", "Idaho", "Kansas", "Nebraska", "Oklahoma", "Arkansas",
        "Mississippi", "Vermont", "Maine", "Connecticut", "Maryland", "Delaware",
        "West Virginia", "Washington DC", "Silicon Valley", "Hollywood", "Manhattan",
        "Brooklyn", "Wall Street", "Toronto", "Montreal", "Vancouver", "Ottawa",
        "Havanna", "Caracas", "Bogotá", "Lima", "Santiago", "Buenos Aires", "Brasilia",
        "Rio de Janeiro", "São Paulo", "Mexico City", "Beijing", "Peking", "Shanghai",
        "Tokyo", "Osaka", "Hiroshima", "Seoul", "Pyongyang", "Delhi", "New Delhi", "Mumbai",
        "Kolkata", "Islamabad", "Karachi", "Kabul", "Teheran", "Bagdad", "Damaskus",
        "Aleppo", "Beirut", "Jerusalem", "Tel Aviv", "Kairo", "Riyadh", "Dubai", "Doha",
        "Bangkok", "Hanoi", "Jakarta", "Manila", "Sydney", "Melbourne", "Nairobi",
        "Johannesburg", "Kapp", "Cape Town", "Lagos", "Addis Abeba", "Mogadishu", "Khartoum",
        "Tripoli", "Tunis", "Alger", "Mosul", "Idlib", "Raqqa", "Homs", "Sinai", "Tibet",
        "Xinjiang", "Kashmir", "Persiabukta", "Middelhavet", "Nordsjøen", "Barentshavet",
        "Norskehavet", "Østersjøen", "Atlanterhavet", "Stillehavet", "Nordpolen", "Sydpolen",
        "Skagerrak", "Kattegat", "Alpene", "Himalaya",
    ]
}

word_set! {
    /// Place names written in Nynorsk where that differs from the list above.
    PLACES_NYNORSK = [
        "Tyskland", "Frankrike", "Storbritannia", "Russland", "Kina", "Sverige", "Danmark",
        "Vestlandet", "Austlandet", "Sørlandet", "Nord-Noreg", "Midt-Noreg", "Sør-Noreg",
        "Austerrike", "Sveits", "Hellas", "Kviterussland", "Europa", "Afrika", "Austerdalen",
        "Aust-Agder", "Bergen", "Førde", "Nordfjord", "Sunnfjord", "Sogn", "Hardanger",
        "Voss", "Ryfylke", "Sunnhordland", "Nordhordland", "Midthordland", "Fjordane",
    ]
}

/// The gazetteer files of `gazetteer/`, built by `tools/gazetteer.py`: one name per line, as
/// written, each one word ("Sør-Afrika"), since a word list is looked up one word of a text at
/// a time. See [`REGIONS`], [`CITIES`] and [`GIVEN_NAMES`].
const REGIONS_FILE: &str = include_str!("gazetteer/regions.txt");
const CITIES_FILE: &str = include_str!("gazetteer/cities.txt");
const GIVEN_NAMES_FILE: &str = include_str!("gazetteer/given_names.txt");

/// Countries, continents, world regions and US states from GeoNames (CC BY 4.0,
/// geonames.org) and Unicode CLDR (Unicode License v3): the Bokmål, Nynorsk and English names
/// ("Kasakhstan", "Sentral-Asia", "Kentucky"). Built by `tools/gazetteer.py`, which leaves out
/// function words, given names and common words ("Verden"). Unlike [`PLACES`] these lists are
/// not written by hand: they are long enough to know the foreign places that the training news
/// never named, which the tagger otherwise takes for people.
pub(super) static REGIONS: WordSet = WordSet::new(|| REGIONS_FILE.lines().collect());

/// Cities and towns of more than 15,000 people from GeoNames (CC BY 4.0, geonames.org), with
/// the alternate names of those of more than 100,000 ("Alma-Ata" for Almaty), and the exemplar
/// cities of CLDR's time zones in Norwegian ("Kairo"). Built by `tools/gazetteer.py` like
/// [`REGIONS`].
pub(super) static CITIES: WordSet = WordSet::new(|| CITIES_FILE.lines().collect());

/// Given names of the Nordic countries and of the larger languages written in Latin letters,
/// from the lists Faker (MIT) draws its fake people from. Beside [`FIRST_NAMES`], which is
/// short: a person the training news never named is still known to have a given name. (Faker's
/// surnames were tried as a list too and made organisations worse: many are company names.)
pub(super) static GIVEN_NAMES: WordSet = WordSet::new(|| GIVEN_NAMES_FILE.lines().collect());

word_set! {
    /// Organisations that a capitalisation rule would otherwise call a person or miss:
    /// parties, media, public bodies, international bodies and large companies.
    ORGS = [
        // Parties.
        "Arbeiderpartiet", "Arbeidarpartiet", "Ap", "Høyre", "Frp", "FrP", "Fremskrittspartiet",
        "Framstegspartiet", "Høgre", "SV", "Sosialistisk Venstreparti", "KrF", "Krf",
        "Kristelig Folkeparti", "Kristeleg Folkeparti", "Sp", "Senterpartiet", "Venstre", "MDG",
        "Miljøpartiet De Grønne", "Rødt", "Raudt", "Demokratene", "Republikanerne",
        "Demokratane", "Republikanarane", "Labour", "Tories", "Sverigedemokratene",
        "Sosialdemokratene", "Dansk Folkeparti",
        // Media and agencies.
        "NRK", "TV 2", "TV2", "VG", "Dagbladet", "Aftenposten", "Dagens Næringsliv", "DN",
        "Klassekampen", "Bergens Tidende", "BT", "Adresseavisen", "Adressa",
        "Stavanger Aftenblad", "Aftenbladet", "Fædrelandsvennen", "Nordlys", "iTromsø",
        "Nationen", "Vårt Land", "Dagsavisen", "Morgenbladet", "Finansavisen", "E24", "NTB",
        "Framtida", "Dag og Tid", "Avisa Nordland", "Sunnmørsposten", "Firda", "Hallingdølen",
        "Reuters", "AFP", "ANB", "Scanpix", "NTB Scanpix", "BBC", "CNN", "Bloomberg", "Al Jazeera", "Politico",
        "New York Times", "Washington Post", "Guardian", "The Guardian", "Financial Times",
        "Der Spiegel", "Le Monde", "Dagens Nyheter", "Aftonbladet", "Expressen", "Politiken",
        "Tass", "TASS", "Interfax", "RIA Novosti", "Xinhua", "Yonhap",
        // Public bodies.
        "Stortinget", "Storting", "Regjeringen", "Regjeringa", "Høyesterett", "Høgsterett",
        "Kripos", "Økokrim", "PST", "Politiets sikkerhetstjeneste", "NAV", "Nav",
        "Skatteetaten", "SSB", "Statistisk sentralbyrå", "Forsvaret", "Sametinget",
        "Riksrevisjonen", "Konkurransetilsynet", "Finanstilsynet", "Mattilsynet",
        "Datatilsynet", "Helsedirektoratet", "Folkehelseinstituttet", "FHI", "UDI", "UNE",
        "Statens vegvesen", "Kystverket", "Kongehuset", "Slottet", "Kreml", "Kremlin",
        "Pentagon", "Kongressen", "Senatet", "Representantenes hus", "Riksdagen",
        "Folketinget", "Bundestag", "Dumaen", "Norges Bank", "Oljefondet",
        // International bodies and organisations.
        "FN", "SN", "NATO", "Nato", "EØS", "EFTA", "WHO", "IMF", "OECD", "OPEC", "Opec",
        "WTO", "UNICEF", "Unicef", "UNESCO", "Unesco", "UNHCR", "Sikkerhetsrådet",
        "Tryggingsrådet", "Europaparlamentet", "EU-kommisjonen", "Europarådet",
        "Verdensbanken", "Verdsbanken", "Røde Kors", "Raude Kross", "Amnesty",
        "Amnesty International", "Human Rights Watch", "Leger uten grenser", "Redd Barna",
        "Kirkens Nødhjelp", "Norsk Folkehjelp", "Den norske kirke", "Den norske kyrkja",
        "Det hvite hus", "Det kvite hus", "Det internasjonale pengefondet", "Jehovas vitner",
        "Den europeiske union", "De forente nasjoner", "Leger uten grenser", "Flyktninghjelpen", "Greenpeace", "Bellona",
        "Natur og Ungdom", "Hamas", "Hizbollah", "Taliban", "IS", "IS-IL", "Al-Qaida",
        "al-Qaida", "LO", "NHO", "YS", "Unio", "Akademikerne", "Fellesforbundet",
        "Fagforbundet", "Utdanningsforbundet", "NFF", "NIF", "Olympiatoppen", "IOC", "UEFA",
        "Uefa", "FIFA", "Fifa",
        // Companies and institutions.
        "Equinor", "Statoil", "Hydro", "Norsk Hydro", "Telenor", "DNB", "Orkla", "Schibsted",
        "Aker", "Aker Solutions", "Yara", "Storebrand", "Gjensidige", "Kongsberg Gruppen",
        "Mowi", "Marine Harvest", "Posten", "Vy", "NSB", "Avinor", "Statkraft", "Statnett",
        "SAS", "Widerøe", "Norwegian", "Ruter", "Rema", "Coop", "Norgesgruppen", "Kiwi",
        "Google", "Facebook", "Meta", "Apple", "Microsoft", "Amazon", "Twitter", "Tesla",
        "Netflix", "Spotify", "Samsung", "Huawei", "Volvo", "Volkswagen", "Ikea", "IKEA",
        "Nokia", "Ericsson", "Boeing", "Airbus", "Gazprom", "Rosneft", "Shell", "BP",
        "ExxonMobil", "Uber", "NTNU", "UiO", "UiB", "UiT", "NMBU", "BI", "OsloMet", "SINTEF",
        "Sintef", "NUPI", "PRIO", "Fafo", "Rosenborg", "Vålerenga", "Brann", "Barcelona FC",
        "Manchester United", "Real Madrid", "Juventus", "Liverpool FC", "Chelsea", "Arsenal",
    ]
}

word_set! {
    /// Given names common in Norwegian news: Norwegian ones and international ones that the
    /// foreign desk writes often (in Norwegian transliteration). A run that starts with one of
    /// these is a person unless a gazetteer says otherwise.
    FIRST_NAMES = [
        // Norwegian, men.
        "Ole", "Per", "Jan", "Lars", "Knut", "Hans", "Arne", "Bjørn", "Jonas", "Jens", "Trygve",
        "Kjell", "Magne", "Odd", "Tor", "Terje", "Geir", "Rune", "Svein", "Stein", "Morten",
        "Espen", "Martin", "Marius", "Magnus", "Henrik", "Anders", "Erik", "Eirik", "Even",
        "Jon", "Johan", "Johannes", "Olav", "Harald", "Haakon", "Håkon", "Nils", "Petter",
        "Peter", "Pål", "Paul", "Gunnar", "Leif", "Frode", "Øystein", "Øyvind", "Ola", "Kåre",
        "Kjetil", "Vidar", "Stian", "Thor", "Tore", "Trond", "Roar", "Dag", "Jørgen", "Jørn",
        "Sverre", "Sindre", "Hallvard", "Einar", "Ivar", "Ivar", "Atle", "Audun", "Bård",
        "Egil", "Eivind", "Erling", "Finn", "Fredrik", "Glenn", "Gustav", "Halvor", "Helge",
        "Inge", "Jostein", "Karl", "Kristian", "Christian", "Kristoffer", "Christoffer", "Lasse",
        "Lorentz", "Magnar", "Mats", "Mathias", "Nikolai", "Oddvar", "Olaf", "Oskar", "Rolf",
        "Rasmus", "Ragnar", "Reidar", "Sigurd", "Sondre", "Steinar", "Sturla", "Sveinung",
        "Sigbjørn", "Thomas", "Tomas", "Torbjørn", "Torstein", "Tormod", "Torgeir", "Trygve",
        "Ulrik", "Vegard", "Yngve", "Aksel", "Alexander", "Andreas", "Asbjørn", "Bjarne",
        "Daniel", "Emil", "Filip", "Gaute", "Gjermund", "Harry", "Hermund", "Jakob", "Jacob",
        "Joakim", "Jonny", "Kenneth", "Kim", "Lars-Erik", "Ludvig", "Mikkel", "Ove", "Preben",
        "Runar", "Simen", "Snorre", "Sjur", "Svenn", "Tobias", "Truls", "Torleif", "Willy",
        // Norwegian, women.
        "Kari", "Anne", "Inger", "Liv", "Erna", "Siv", "Trine", "Hadia", "Sylvi", "Mette",
        "Marit", "Ingrid", "Kristin", "Tone", "Hilde", "Gro", "Ragnhild", "Astrid", "Solveig",
        "Sigrid", "Ida", "Nora", "Emma", "Sara", "Maria", "Marie", "Elisabeth", "Hanne",
        "Heidi", "Camilla", "Silje", "Guri", "Randi", "Berit", "Bente", "Tove", "Torill", "Eva",
        "Helga", "Anette", "Anita", "Ane", "Anna", "Aud", "Birgit", "Brit", "Britt", "Cecilie",
        "Elin", "Ellen", "Elise", "Else", "Gerd", "Grete", "Gunn", "Gunhild", "Hege", "Helene",
        "Ine", "Ingvild", "Jenny", "Julie", "Karen", "Karianne", "Karin", "Kirsten", "Kjersti",
        "Laila", "Lene", "Linda", "Line", "Lise", "Lisbeth", "Live", "Magnhild", "Margrethe",
        "Margit", "Marianne", "Martine", "Mona", "Monica", "Nina", "Oda", "Ragna", "Ranveig",
        "Rigmor", "Ruth", "Signe", "Siri", "Sissel", "Siv", "Sofie", "Sonja", "Stine",
        "Synnøve", "Thea", "Tina", "Tonje", "Torunn", "Turid", "Unni", "Vibeke", "Vigdis",
        "Wenche", "Åse", "Åshild", "Mette-Marit", "Ingrid Alexandra", "Jette", "Gunvor",
        // International.
        "Vladimir", "Mike", "Michael", "Donald", "Joe", "Barack", "Hillary", "Bill", "George",
        "John", "James", "Robert", "David", "Mark", "Richard", "Elizabeth", "Charles", "William",
        "Harry", "Nicolas", "Volodymyr", "Volodymyr", "Sergej", "Sergei", "Jurij", "Juri",
        "Dmitrij", "Dmitrij", "Aleksej", "Aleksandr", "Aleksander", "Mikhail", "Boris", "Ivan",
        "Viktor", "Igor", "Angela", "Olaf", "Emmanuel", "Francois", "François", "Jean",
        "Pierre", "Marine", "Theresa", "Tony", "Gordon", "Keir", "Rishi", "Liz", "Jeremy",
        "Xi", "Shinzo", "Recep", "Benjamin", "Bashar", "Ali", "Mohammed", "Muhammad", "Ahmed",
        "Hassan", "Hussein", "Abdul", "Omar", "Osama", "Juan", "Carlos", "José", "Jose",
        "Luis", "Jair", "Hugo", "Fidel", "Raúl", "Evo", "Lula", "Giuseppe", "Mario", "Matteo",
        "Silvio", "Sebastian", "Jens-Petter", "Greta", "Stefan", "Magdalena", "Ulf", "Mette",
        "Lars Løkke", "Sauli", "Sanna", "Kamala", "Nancy", "Mitch", "Bernie", "Elon", "Steve",
        "Jeff", "Mark", "Ursula", "Jean-Claude", "Antonio", "António", "Kofi", "Ban", "Nelson",
        "Desmond", "Jacinda", "Scott", "Justin", "Ron", "Rex", "Condoleezza", "Colin", "Dick",
        "Ronald", "Jimmy", "Martin Luther", "Abraham", "Winston", "Margaret", "Helmut",
        "Gerhard", "Wolfgang", "Klaus", "Jürgen", "Heinz", "Friedrich", "Nikolaj", "Andrej",
        "Jevgenij", "Pjotr", "Natalja", "Olga", "Tatjana", "Anna", "Julija", "Aleksej",
        "Alexei", "Ramzan", "Kim Jong-un", "Moon", "Narendra", "Imran", "Benazir", "Hamid",
        "Ashraf", "Mahmoud", "Yasser", "Ehud", "Ariel", "Shimon", "Yitzhak", "Naftali",
        "Recep Tayyip", "Abiy", "Robert", "Cyril", "Jacob", "Paul",
    ]
}

word_set! {
    /// Surnames of people the news name often enough to be known without a first name.
    SURNAMES = [
        "Obama", "Trump", "Biden", "Clinton", "Bush", "Putin", "Merkel", "Scholz", "Macron",
        "Sarkozy", "Johnson", "Blair", "Cameron", "Sunak", "Starmer", "Pelosi", "Sanders",
        "Harris", "Musk", "Zuckerberg", "Erdogan", "Erdoğan", "Netanyahu", "Assad", "Khamenei",
        "Rouhani", "Zelenskij", "Zelenskyj", "Lavrov", "Medvedev", "Navalnyj", "Gorbatsjov",
        "Jeltsin", "Stalin", "Lenin", "Hitler", "Maduro", "Chávez", "Castro", "Bolsonaro",
        "Modi", "Trudeau", "Orbán", "Löfven", "Frederiksen", "Guterres", "Annan", "Mandela",
        "Gaddafi", "Stoltenberg", "Solberg", "Støre", "Brundtland", "Bondevik", "Jagland",
        "Listhaug", "Vedum", "Lysbakken", "Siv Jensen", "Giske", "Brende", "Søreide",
        "Huitfeldt", "Vestre", "Tajik", "Sandberg", "Breivik", "Quisling", "Nansen",
        "Amundsen", "Ibsen", "Grieg", "Munch", "Bjørnson", "Hamsun", "Pompeo", "Tillerson",
        "Kerry", "Blinken", "Jinping",
    ]
}

word_set! {
    /// Royal titles that Norwegian news capitalise and use as names ("Kongen åpnet").
    ROYALS = [
        "Kongen", "Dronningen", "Kronprinsen", "Kronprinsessen", "Prinsessen", "Paven",
        "Kongeparet", "Kronprinsparet",
    ]
}

word_set! {
    /// Lowercase function words and other common sentence starters (Bokmål and Nynorsk). A
    /// capitalised word at the start of a sentence that is in this list is never a name.
    STOPWORDS = [
        "a", "alle", "allerede", "alltid", "alt", "andre", "annen", "anna", "annan", "at",
        "av", "bak", "bare", "berre", "bli", "blir", "ble", "blei", "både", "da", "de",
        "dei", "deira", "deires", "deg", "dem", "den", "denne", "der", "dere", "deres", "det",
        "dette", "di", "din", "ditt", "dine", "disse", "dersom", "derfor", "difor", "du", "då",
        "eg", "ein", "eit", "ei", "eller", "elles", "ellers", "en", "enda", "endå", "enn",
        "enno", "er", "et", "etter", "etterpå", "fordi", "for", "foran", "fra", "frå", "fram",
        "frem", "før", "først", "gjennom", "god", "godt", "ha", "hadde", "han", "hans", "har",
        "hennar", "hennes", "her", "hit", "ho", "hos", "hun", "hva", "hvem", "hver", "hvert",
        "hvilke", "hvilken", "hvis", "hvor", "hvordan", "hvorfor", "hjå", "i", "ikke", "ikkje",
        "ingen", "inn", "inne", "ja", "jeg", "kan", "kanskje", "kom", "kor", "korleis", "kva",
        "kvar", "kven", "kvifor", "kunne", "lenge", "litt", "man", "mange", "me", "med",
        "medan", "meg", "mellom", "men", "mens", "mer", "meir", "mest", "min", "mine", "mitt",
        "mot", "mye", "mykje", "må", "måtte", "ned", "nei", "noe", "noen", "noko", "nokon",
        "nokre", "nå", "no", "når", "og", "også", "om", "opp", "oss", "over", "på", "rundt",
        "samme", "same", "seg", "selv", "sjølv", "sin", "sine", "sitt", "skal", "skulle",
        "slik", "som", "så", "siden", "sidan", "til", "tidligere", "tidlegare", "under",
        "ut", "uten", "utan", "var", "ved", "vi", "vil", "ville", "vår", "våre", "vårt", "å",
        "ifølge", "iflg", "ettersom", "samtidig", "likevel", "dessuten", "dermed", "deretter",
        "nesten", "særlig", "særleg", "trolig", "truleg", "nettopp", "neste", "sist", "siste",
        "første", "fyrste", "andre", "tredje", "ny", "nye", "nytt", "gamle", "store", "stor",
        "små", "flere", "fleire", "færre", "mellom", "blant", "uansett", "akkurat", "altså",
        "hele", "heile", "helt", "heilt", "kun", "mange", "sammen", "saman", "om", "ifjor",
        "hei", "takk", "nettopp", "faktisk", "kanskje", "både", "verken", "enten", "hverken",
        "selvsagt", "sjølvsagt", "imidlertid", "derimot", "the", "a", "an", "this", "that",
        "what", "who", "how", "why", "when", "where", "i", "we", "you", "he", "she", "it",
        "they", "and", "but", "if", "in", "on", "of", "to", "for", "with", "not", "no", "yes",
        "er", "var", "vert", "vart", "blitt", "vorte", "vore", "vere", "være", "vært",
        "ta", "tar", "tok", "fikk", "fekk", "få", "får", "gjør", "gjer", "gjorde", "gjekk",
        "gikk", "går", "gå", "si", "sier", "seier", "sa", "sagt", "vet", "veit", "visste",
        "tror", "trur", "trodde", "mener", "meiner", "meinte", "mente", "synes", "syns",
        "kommer", "kjem", "kom", "står", "stod", "sto", "ligger", "ligg", "lå", "finnes",
        "finst", "viser", "viste", "vise", "ser", "såg", "så", "nok", "jo", "vel", "visst",
        "derfra", "herfra", "deri", "slike", "sånn", "sånne", "slikt", "begge", "ulike",
    ]
}

word_set! {
    /// Page furniture and other capitalised words that are not names although they often
    /// stand alone on a line or start a caption: "Foto", "Les også", "Siste nytt".
    FURNITURE = [
        "foto", "video", "hopp", "siste", "les", "annonse", "reklame", "publisert",
        "oppdatert", "del", "kommentar", "kommentarer", "nyheter", "nytt", "sport", "kultur",
        "debatt", "meny", "søk", "logg", "abonnement", "tips", "faktaboks", "fakta", "bilde",
        "bilder", "illustrasjon", "grafikk", "kart", "kilde", "kjelde", "nb", "ps", "red",
        "tv", "lyd", "artikkel", "innhold", "innlegg", "leserbrev", "kronikk",
        "lukk", "se", "sjå", "følg", "direkte", "oppdatering", "pluss", "ekstra",
        // The fact box of a review: "Regi: …", "Manus: …", "Aldersgrense: 12 år", "Album: …".
        "regi", "manus", "skuespillere", "medvirkende", "aldersgrense", "sjanger", "nasjonalitet",
        "lengde", "varighet", "egnethet", "premiere", "kinopremiere", "anmeldelse", "album",
        "bokanmeldelse", "filmanmeldelse", "plateanmeldelse",
        // The spec box of a product review: "Pris: 3 990 kroner", "Vekt: 1,2 kg".
        "pris", "vekt", "størrelse", "mål", "batteri", "skjerm", "kapasitet", "tilkobling",
    ]
}

word_set! {
    /// Products, platforms and technical standards that reviews and tech news name like
    /// people or companies ("Android", "Wikipedia", "USB"): NorNE calls such names products,
    /// and too few of them are in its training data for the tagger to learn that. A standard
    /// or unit in capitals looks to it like the abbreviation of a company ("NRK", "CIA"). As
    /// written.
    PRODUCTS = [
        "Wikipedia", "Android", "Windows", "iOS", "iPhone", "iPad", "MacBook", "Mac", "PlayStation",
        "Xbox", "Bluetooth", "Linux", "Photoshop", "Internett", "Internet", "Chromecast",
        "Kindle", "Siri", "Alexa", "Google Maps", "Wi-Fi", "EP", "LP",
        "USB", "HDMI", "DVI", "VGA", "S-Video", "FireWire", "ExpressCard", "CardBus", "SD", "SDHC",
        "MMC", "SSD", "HD", "HDR", "RAM", "GB", "MB", "TB", "GHz", "LCD", "LED", "OLED", "RGB",
        "DAC", "GPS", "NFC", "WLAN", "LAN", "Gigabit LAN", "EDGE", "GPRS", "HSDPA", "DAB", "FM",
        "DVD", "VHS", "AAC", "FLAC", "WMA", "MP3", "DNS", "SUV", "AWD", "DSG", "GB RAM", "GB SSD",
    ]
}

word_set! {
    /// Months and weekdays (Bokmål, Nynorsk and abbreviations): capitalised at the start of a
    /// sentence or in a dateline, never a name of a person or place.
    CALENDAR = [
        "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "okt", "nov", "des", "mandag", "tirsdag", "onsdag", "torsdag", "fredag",
        "lørdag", "søndag", "måndag", "tysdag", "laurdag", "sundag", "jul", "påske", "påske",
        "pinse", "nyttår", "jonsok", "sankthans",
    ]
}

word_set! {
    /// Lowercase particles that may stand between capitalised parts of one name
    /// ("Ludwig van Beethoven", "Osama bin Laden", "Rio de Janeiro").
    NAME_PARTICLES = [
        "van", "von", "de", "der", "di", "del", "della", "dos", "das", "la", "le", "bin", "ibn",
        "al", "el", "ter", "ten", "zu", "af",
    ]
}

word_set! {
    /// Words that make the next capitalised run a place: prepositions of location and
    /// direction (Bokmål and Nynorsk). Only consulted for runs no list or other cue explains.
    /// "til", "mot" and "mellom" are left out: they precede people as often as places ("sa
    /// til Hansen", "mot Trump"), and on NorNE's training split they cost more than they gained.
    PLACE_PREPOSITIONS = [
        "i", "ved", "nær", "utenfor", "utanfor", "innenfor", "innanfor", "nord", "sør", "øst",
        "vest", "aust", "gjennom", "langs", "fra", "frå",
    ]
}

word_set! {
    /// Verbs of saying: a name right before or after one of these is a person.
    SPEECH_VERBS = [
        "sa", "sier", "seier", "sei", "mener", "meiner", "meinte", "mente", "forteller",
        "fortel", "fortalde", "fortalte", "uttaler", "uttalte", "skriver", "skriv", "skreiv",
        "skrev", "understreker", "understrekar", "påpeker", "påpeikar", "legger", "legg",
        "tror", "trur", "svarer", "svarar", "svarte", "opplyser", "opplyste", "bekrefter",
        "stadfestar", "innrømmer", "erkjenner", "hevder", "hevdar", "kommenterer",
        "konkluderer", "forklarer", "forklarar", "advarer", "åtvarar", "smiler", "ler",
        "spør", "spurte",
    ]
}

word_set! {
    /// Lowercase word stems of titles and roles. A name right after one of them (in any
    /// inflection, and as the last part of a compound: "utenriksministeren", "partileder") is a
    /// person; a capitalised title at the start of a sentence is not part of the name.
    TITLES = [
        "president", "minister", "statsråd", "sjef", "leder", "leiar", "direktør", "rådgiver",
        "rådgjevar", "ordfører", "ordførar", "talsmann", "talsperson", "talskvinne", "kollega",
        "professor", "advokat", "forsvarer", "forsvarar", "dommer", "dommar", "forsker",
        "forskar", "trener", "trenar", "sekretær", "redaktør", "journalist", "forfatter",
        "forfattar", "spiller", "spelar", "sanger", "songar", "kunstner", "kunstnar", "biskop",
        "konge", "dronning", "prinsesse", "pastor", "kaptein", "general", "politimester", "politimeister", "lege", "rektor",
        "komponist", "regissør", "produsent", "artist", "musiker", "musikar", "pianist",
        "fotograf", "keeper", "økonom", "analytiker", "analytikar", "ekspert", "psykolog",
        "historiker", "historikar", "kandidat", "kommentator", "datter", "dotter",
        "ektemann", "søster", "syster", "onkel", "tante", "kjæreste", "eier", "eigar", "gründer", "investor", "mester", "meister",
        "vinner", "vinnar", "senator", "guvernør", "representant", "politiker", "politikar",
        "keiser", "diktator", "kvinne", "jente", "medlem", "sjåfør", "statsviter", "partner",
        "kronprins", "prest",
    ]
}

word_set! {
    /// Short titles, forms of address and kinship words: like [`TITLES`], but only as whole
    /// words, because as word endings they would match "humor" or the surname "Hermann".
    TITLE_WORDS = [
        "fru", "herr", "dr", "kong", "prins", "far", "mor", "bror", "sønn", "kone", "mann",
        "venn", "gutt", "pave", "tsar", "frue", "onkel",
    ]
}

word_set! {
    /// Lowercase endings of one-word organisation names ("Arbeiderpartiet",
    /// "Finansdepartementet", "Aftenposten", "Oslo tingrett" is not one word, "Tingretten" is).
    ORG_SUFFIXES = [
        "partiet", "departementet", "direktoratet", "tilsynet", "forbundet", "foreningen",
        "foreininga", "forening", "rådet", "banken", "universitetet", "universitet",
        "høgskolen", "høgskulen", "høyskolen", "selskapet", "kompaniet", "klubben",
        "konsernet", "sykehus", "sykehuset", "sjukehus", "sjukehuset", "instituttet",
        "institutt", "etaten", "verket", "retten", "tinget", "kommisjonen", "komiteen", "byrå",
        "byrået", "avis", "avisen", "avisa", "posten", "bladet", "tidende", "kirken", "kyrkja",
        "akademiet", "ligaen", "fondet", "stiftelsen", "organisasjonen", "unionen",
        "ministeriet", "kontoret", "teatret", "teateret", "museet", "biblioteket", "korpset",
        "gruppen", "gruppa", "politiet", "regjeringen", "regjeringa", "rederiet", "alliansen",
        "bevegelsen", "rørsla",
    ]
}

word_set! {
    /// Whole last words that mark an organisation ("Aker ASA", "Lehman Brothers Inc").
    ORG_LAST_WORDS = [
        "AS", "ASA", "SA", "Inc", "Ltd", "Group", "Gruppen", "Holding", "Bank", "Corporation",
        "Corp", "GmbH", "AB", "Oyj", "FK", "IL", "IF", "BK", "FC", "Forlag", "Universitet",
        "University", "Institute", "Airlines", "Energy", "Media", "Music", "Records",
    ]
}

word_set! {
    /// Lowercase endings of one-word place names ("Sognefjorden", "Vestlandet",
    /// "Kertsjstredet", "Storgata"). Endings that are also common in surnames ("-land",
    /// "-haugen", "-strand", "-heim") are left out on purpose.
    PLACE_SUFFIXES = [
        "fjorden", "landet", "øya", "øyene", "øyane", "holmen", "dalen", "vatnet", "vannet",
        "sjøen", "elva", "elven", "havet", "bukta", "bukten", "sundet", "stredet", "fjellet",
        "tinden", "breen", "gata", "gaten", "veien", "vegen", "plassen", "torget", "parken",
        "brygga", "bryggen", "stranda", "neset", "byen", "bygda", "vidda", "halvøya", "kysten",
        "sletta", "skogen", "marka", "kanalen",
    ]
}

word_set! {
    /// Lowercase endings of one-word compounds of a name and a common noun
    /// ("Muellerrapporten", "Brexit-avtalen" without hyphen, "Nobelprisen"): documents, events
    /// and things, not people or places, so they are left out.
    THING_SUFFIXES = [
        "rapporten", "saken", "avtalen", "loven", "lova", "planen", "prisen", "pakken",
        "modellen", "programmet", "prosjektet", "konferansen", "festivalen", "møtet", "cupen",
        "mesterskapet", "lekene", "leikane", "krigen", "serien", "filmen", "boka", "boken",
        "albumet", "sangen", "songen", "showet", "kampen", "turneen", "erklæringen",
        "doktrinen", "effekten", "syndromet", "metoden", "reformen", "dagen", "dagene",
        "utstillingen", "konserten", "prosessen", "skandalen", "affæren", "løpet", "rennet",
    ]
}

word_set! {
    /// Lowercase endings of a noun that introduces a place in apposition ("OL-byen Sotsji",
    /// "hovedstaden Kabul", "landet Norge").
    PLACE_NOUNS = [
        "byen", "hovedstaden", "hovudstaden", "landet", "kommune", "kommunen", "fylket", "øya",
        "regionen", "provinsen", "delstaten", "bydelen", "tettstedet", "bygda", "grenda",
        "havnebyen", "øygruppen", "landsbyen", "staden",
    ]
}

word_set! {
    /// Lowercase endings of a noun that introduces an organisation in apposition
    /// ("nyhetsbyrået Reuters", "avisen Bergens Tidende", "selskapet Equinor").
    ORG_NOUNS = [
        "avisen", "avisa", "byrået", "selskapet", "partiet", "organisasjonen", "klubben",
        "firmaet", "konsernet", "banken", "kanalen", "nettstedet", "nettavisen",
        "stiftelsen", "foreningen", "forbundet", "gruppen", "gruppa", "bandet", "rederiet",
        "produsenten", "leverandøren", "kjeden", "laget",
    ]
}

word_set! {
    /// Lowercase institution words written after a place name that make the whole an
    /// organisation ("Oslo tingrett", "Kleppestø skole", "Ilsvika sykehjem"); as word endings
    /// too ("barneskole").
    ORG_TAILS = [
        "tingrett", "lagmannsrett", "politidistrikt", "skole", "skule", "sykehus", "sjukehus",
        "sykehjem", "universitet", "høgskole", "høyskole", "høgskule", "menighet", "bibliotek",
        "museum", "fengsel", "bispedømme", "idrettslag", "fotballklubb", "sparebank",
    ]
}

word_set! {
    /// Lowercase words written after a name that make the whole a place ("Bergen kommune",
    /// "Oslo lufthavn", "Oslo rådhus").
    PLACE_TAILS = [
        "kommune", "fylkeskommune", "fylke", "lufthavn", "flyplass", "stasjon", "rådhus",
        "stadion", "havn", "hamn", "bydel",
    ]
}

/// `word` (lowercase) ends in an entry of `set`, the entry being shorter than the word: the
/// word is a compound whose last part the set lists ("arbeiderpartiet" ends in "partiet").
pub(crate) fn has_suffix_in(set: &WordSet, word: &str) -> bool {
    word.char_indices().skip(1).any(|(i, _)| word.get(i..).is_some_and(|tail| set.contains(tail)))
}

/// A name list contains the name, as written or without its genitive ending ("Irans").
pub(crate) fn listed(set: &WordSet, name: &str) -> bool {
    set.contains(name) || strip_genitive(name).is_some_and(|base| set.contains(base))
}

pub(crate) fn is_known_place(name: &str) -> bool {
    listed(&PLACES, name) || listed(&PLACES_NYNORSK, name)
}

/// Whether the gazetteers list the name exactly as written (so "Paris" is, "Irans" is not).
pub(crate) fn listed_as_written(name: &str) -> bool {
    [&PLACES, &PLACES_NYNORSK, &ORGS].iter().any(|set| set.contains(name))
}

/// The kind the gazetteers give a name, if they list it.
pub(crate) fn listed_kind(name: &str) -> Option<EntityKind> {
    if is_known_place(name) {
        Some(EntityKind::Place)
    } else if listed(&ORGS, name) {
        Some(EntityKind::Organisation)
    } else {
        None
    }
}
