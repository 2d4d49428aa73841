#include "demo/demo_vocabulary.hpp"

namespace rapport::demo {
namespace {

using std::string_view;

// ---------------------------------------------------------------------------------------------
// Names. Index order of kCultures is referenced by Country::name_culture below.

constexpr string_view kGermanFirst[] = {
    "Anna",     "Lukas",  "Jürgen",  "Lena",   "Maximilian", "Sophie", "Jonas",  "Käthe",
    "Felix",    "Marie",  "Tobias",  "Hannah", "Stefan",     "Sabine", "Günter", "Leonie",
    "Matthias", "Katrin", "Florian", "Birgit", "Jörg",       "Ulrike", "Moritz", "Franziska"};
constexpr string_view kGermanLast[] = {
    "Müller", "Schmidt",  "Schneider", "Fischer", "Weber",   "Meyer",      "Wagner",
    "Becker", "Schulz",   "Hoffmann",  "Schäfer", "Koch",    "Bauer",      "Richter",
    "Klein",  "Wolf",     "Schröder",  "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger", "Hartmann", "Lange",     "Werner",  "Krause",  "Lehmann",    "Köhler"};

constexpr string_view kFrenchFirst[] = {
    "Camille", "Léa",    "Hugo",     "Chloé",    "Louis",   "Manon",  "Théo",    "Inès",
    "Gabriel", "Élodie", "Antoine",  "Juliette", "Mathieu", "Amélie", "Raphaël", "Océane",
    "Nicolas", "Hélène", "François", "Margaux",  "Benoît",  "Noémie"};
constexpr string_view kFrenchLast[] = {
    "Martin",  "Bernard", "Dubois",  "Thomas",  "Robert",   "Richard", "Petit",    "Durand",
    "Leroy",   "Moreau",  "Simon",   "Laurent", "Lefèvre",  "Michel",  "Girard",   "André",
    "Mercier", "Dupont",  "Lambert", "Bonnet",  "Fournier", "Morel",   "Rousseau", "Faure"};

constexpr string_view kBritishFirst[] = {
    "Oliver",  "Amelia", "Harry",  "Isla",    "George", "Ava",  "Jack",    "Emily",
    "Charlie", "Sophie", "Thomas", "Grace",   "James",  "Zoë",  "William", "Poppy",
    "Henry",   "Freya",  "Alfie",  "Siobhan", "Eilidh", "Rhys", "Niamh",   "Callum"};
constexpr string_view kBritishLast[] = {"Smith",    "Jones",   "Taylor", "Brown",    "Williams",
                                        "Wilson",   "Johnson", "Davies", "Robinson", "Wright",
                                        "Thompson", "Evans",   "Walker", "White",    "Roberts",
                                        "Green",    "Hall",    "Wood",   "Jackson",  "Clarke",
                                        "O'Brien",  "MacLeod", "Hughes", "Patel",    "Khan"};

constexpr string_view kAmericanFirst[] = {
    "Liam",   "Olivia",  "Noah",  "Emma",    "Ethan",  "Mia",     "Mason",   "Harper",
    "Logan",  "Evelyn",  "Aiden", "Abigail", "Elijah", "Madison", "Jayden",  "Chloe",
    "Daniel", "Aaliyah", "Mateo", "Sofia",   "Wei",    "Priya",   "DeShawn", "Brooke"};
constexpr string_view kAmericanLast[] = {
    "Smith",     "Johnson",  "Williams",  "Brown",  "Jones",  "Garcia",   "Miller",     "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Wilson", "Anderson", "Thomas",     "Taylor",
    "Moore",     "Jackson",  "Lee",       "Nguyen", "Kim",    "Chen",     "Washington", "O'Connor"};

constexpr string_view kSpanishFirst[] = {
    "José",   "María",  "Lucía",  "Alejandro", "Sofía",  "Pablo", "Martina", "Álvaro",
    "Carmen", "Javier", "Paula",  "Sergio",    "Nuria",  "Íñigo", "Begoña",  "Raúl",
    "Marta",  "Jesús",  "Ainhoa", "Andrés",    "Ángela", "Rocío"};
constexpr string_view kSpanishLast[] = {
    "García", "Fernández", "González", "Rodríguez", "López",  "Martínez",  "Sánchez",
    "Pérez",  "Gómez",     "Martín",   "Jiménez",   "Ruiz",   "Hernández", "Díaz",
    "Moreno", "Muñoz",     "Álvarez",  "Romero",    "Alonso", "Gutiérrez", "Navarro",
    "Torres", "Domínguez", "Vázquez",  "Ramos",     "Ibáñez"};

constexpr string_view kItalianFirst[] = {
    "Francesco", "Giulia",    "Alessandro", "Sofia",    "Lorenzo",  "Aurora",   "Matteo", "Chiara",
    "Leonardo",  "Martina",   "Niccolò",    "Federica", "Gianluca", "Beatrice", "Luca",   "Elisa",
    "Andrea",    "Francesca", "Davide",     "Ilaria",   "Nicolò",   "Gaia"};
constexpr string_view kItalianLast[] = {
    "Rossi",    "Russo", "Ferrari",  "Esposito", "Bianchi",  "Romano",  "Colombo", "Ricci",
    "Marino",   "Greco", "Bruno",    "Gallo",    "Conti",    "De Luca", "Mancini", "Costa",
    "Giordano", "Rizzo", "Lombardi", "Moretti",  "Barbieri", "Fontana", "Santoro", "Rinaldi"};

constexpr string_view kDutchFirst[] = {
    "Daan", "Emma",  "Sem",   "Julia", "Lucas", "Tess",  "Levi",  "Sophie", "Finn",  "Zoë",
    "Bram", "Fenna", "Jesse", "Anouk", "Thijs", "Sanne", "Ruben", "Noor",   "Joris", "Femke"};
constexpr string_view kDutchLast[] = {
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",   "Janssen",
    "Visser",  "Smit",   "Meijer",   "de Boer",      "Mulder",   "de Groot", "Bos",
    "Vos",     "Peters", "Hendriks", "van Leeuwen",  "Dekker",   "Brouwer"};

constexpr string_view kPortugueseFirst[] = {
    "João",   "Beatriz",  "Tiago",  "Inês",    "Rodrigo", "Leonor",    "Gonçalo", "Matilde",
    "Duarte", "Carolina", "Afonso", "Mariana", "Martim",  "Francisca", "Rui",     "Conceição"};
constexpr string_view kPortugueseLast[] = {
    "Silva",   "Santos",  "Ferreira",  "Pereira",   "Oliveira", "Costa", "Rodrigues",
    "Martins", "Sousa",   "Fernandes", "Gonçalves", "Gomes",    "Lopes", "Marques",
    "Alves",   "Almeida", "Ribeiro",   "Pinto",     "Carvalho", "Simões"};

constexpr string_view kNordicFirst[] = {"Søren", "Bjørn",  "Astrid", "Ingrid", "Mikkel",
                                        "Signe", "Rasmus", "Åsa",    "Jørgen", "Freja"};
constexpr string_view kNordicLast[] = {"Jensen", "Nielsen",  "Hansen",    "Pedersen",  "Andersen",
                                       "Larsen", "Sørensen", "Jørgensen", "Lindqvist", "Åberg"};

constexpr string_view kTurkishFirst[] = {"Zeynep", "Mehmet", "Elif",  "Emre",
                                         "Ayşe",   "Can",    "Büşra", "Mustafa"};
constexpr string_view kTurkishLast[] = {"Yılmaz", "Öztürk", "Kaya",  "Demir",
                                        "Şahin",  "Çelik",  "Aydın", "Arslan"};

constexpr string_view kPolishFirst[] = {"Agnieszka",  "Łukasz", "Katarzyna", "Piotr",
                                        "Małgorzata", "Michał", "Zofia",     "Paweł"};
constexpr string_view kPolishLast[] = {"Kowalski", "Nowak",       "Wiśniewska", "Wójcik",
                                       "Kamińska", "Lewandowski", "Zieliński",  "Dąbrowska"};

constexpr string_view kIndianFirst[] = {"Aditya", "Ananya", "Rohan", "Priya",
                                        "Vikram", "Kavya",  "Arjun", "Meera"};
constexpr string_view kIndianLast[] = {"Sharma", "Iyer",  "Patel",      "Reddy",
                                       "Nair",   "Gupta", "Chatterjee", "Menon"};

constexpr string_view kWestAfricanFirst[] = {"Ngozi",     "Chidi",  "Kwame", "Ama",
                                             "Oluwaseun", "Adaeze", "Kofi",  "Fatou"};
constexpr string_view kWestAfricanLast[] = {"Okafor",  "Mensah", "Adeyemi", "Diallo",
                                            "Boateng", "Eze",    "Ndiaye",  "Owusu"};

constexpr string_view kEastAsianFirst[] = {"Yuki",   "Haruto",  "Mei",  "Jun",
                                           "Sakura", "Min-jun", "Hana", "Wen"};
constexpr string_view kEastAsianLast[] = {"Tanaka", "Sato",     "Wang",  "Li",
                                          "Park",   "Nakamura", "Zhang", "Choi"};

constexpr string_view kArabicFirst[] = {"Omar",  "Fatima", "Youssef", "Leila",
                                        "Karim", "Nour",   "Samir",   "Yasmin"};
constexpr string_view kArabicLast[] = {"Haddad",  "El Amrani", "Benali", "Khoury",
                                       "Mansour", "Saleh",     "Bakr",   "Nasser"};

enum CultureIndex : size_t {
  kGerman,
  kFrench,
  kBritish,
  kAmerican,
  kSpanish,
  kItalian,
  kDutch,
  kPortuguese,
};

constexpr NameCulture kCultures[] = {
    {"de", true, kGermanFirst, kGermanLast},
    {"fr", false, kFrenchFirst, kFrenchLast},
    {"en", false, kBritishFirst, kBritishLast},
    {"en", false, kAmericanFirst, kAmericanLast},
    {"es", false, kSpanishFirst, kSpanishLast},
    {"it", false, kItalianFirst, kItalianLast},
    {"nl", false, kDutchFirst, kDutchLast},
    {"pt", false, kPortugueseFirst, kPortugueseLast},
    {"", false, kNordicFirst, kNordicLast},
    {"", false, kTurkishFirst, kTurkishLast},
    {"", false, kPolishFirst, kPolishLast},
    {"", false, kIndianFirst, kIndianLast},
    {"", false, kWestAfricanFirst, kWestAfricanLast},
    {"", false, kEastAsianFirst, kEastAsianLast},
    {"", false, kArabicFirst, kArabicLast},
};

// ---------------------------------------------------------------------------------------------
// Places. Landline patterns keep each country's national number length: DE 10-11 digits,
// FR/ES/NL/PT 9, GB/US/IT 10 (Italian landlines keep their leading 0 in E.164).

constexpr string_view kGermanStreets[] = {
    "Hauptstraße", "Bahnhofstraße",   "Schillerstraße", "Goethestraße", "Lindenallee",
    "Gartenweg",   "Friedrichstraße", "Bergstraße",     "Kastanienweg", "Am Markt"};
constexpr City kGermanCities[] = {
    {"Berlin", "Berlin", "10###|12###|13###", "30%#######", "", "Europe/Berlin", 60, 5},
    {"Hamburg", "Hamburg", "20###|22###", "40%#######", "", "Europe/Berlin", 60, 4},
    {"München", "Bayern", "80###|81###", "89%#######", "", "Europe/Berlin", 60, 4},
    {"Köln", "Nordrhein-Westfalen", "50###|51###", "221%######", "", "Europe/Berlin", 60, 3},
    {"Frankfurt am Main", "Hessen", "60###", "69%#######", "", "Europe/Berlin", 60, 3},
    {"Stuttgart", "Baden-Württemberg", "70###", "711%######", "", "Europe/Berlin", 60, 2},
    {"Leipzig", "Sachsen", "04###", "341%######", "", "Europe/Berlin", 60, 2},
    {"Düsseldorf", "Nordrhein-Westfalen", "40###", "211%######", "", "Europe/Berlin", 60, 2},
    {"Freiburg im Breisgau", "Baden-Württemberg", "79###", "761%######", "", "Europe/Berlin", 60,
     1},
};

constexpr string_view kFrenchStreets[] = {
    "rue de la République", "avenue Victor Hugo", "boulevard Voltaire", "rue des Lilas",
    "place de la Mairie",   "rue du Moulin",      "allée des Tilleuls", "rue Pasteur",
    "quai des Chartrons",   "rue Nationale"};
constexpr City kFrenchCities[] = {
    {"Paris", "Île-de-France", "7500%|7501#", "1%#######", "", "Europe/Paris", 60, 5},
    {"Lyon", "Auvergne-Rhône-Alpes", "6900%", "4%#######", "", "Europe/Paris", 60, 3},
    {"Marseille", "Provence-Alpes-Côte d'Azur", "130##", "4%#######", "", "Europe/Paris", 60, 3},
    {"Toulouse", "Occitanie", "310##|315##", "5%#######", "", "Europe/Paris", 60, 2},
    {"Bordeaux", "Nouvelle-Aquitaine", "330##", "5%#######", "", "Europe/Paris", 60, 2},
    {"Lille", "Hauts-de-France", "590##", "3%#######", "", "Europe/Paris", 60, 2},
    {"Nantes", "Pays de la Loire", "440##", "2%#######", "", "Europe/Paris", 60, 2},
    {"Strasbourg", "Grand Est", "670##", "3%#######", "", "Europe/Paris", 60, 1},
};

constexpr string_view kBritishStreets[] = {
    "High Street", "Station Road", "Church Lane",  "Victoria Road", "Mill Lane",
    "Park Avenue", "King's Road",  "Queen Street", "Green Lane",    "Manor Road"};
constexpr City kBritishCities[] = {
    {"London", "Greater London", "EC% #@@|SW% #@@|N% #@@|E% #@@|W% #@@|SE% #@@", "20%#######", "",
     "Europe/London", 0, 6},
    {"Manchester", "Greater Manchester", "M% #@@|M1# #@@", "161%######", "", "Europe/London", 0, 3},
    {"Birmingham", "West Midlands", "B% #@@|B1# #@@", "121%######", "", "Europe/London", 0, 3},
    {"Leeds", "West Yorkshire", "LS% #@@", "113%######", "", "Europe/London", 0, 2},
    {"Bristol", "Bristol", "BS% #@@", "117%######", "", "Europe/London", 0, 2},
    {"Edinburgh", "Scotland", "EH% #@@", "131%######", "", "Europe/London", 0, 2},
    {"Glasgow", "Scotland", "G% #@@", "141%######", "", "Europe/London", 0, 2},
    {"Cardiff", "Wales", "CF1# #@@", "29%#######", "", "Europe/London", 0, 1},
};

constexpr string_view kAmericanStreets[] = {
    "Main Street",       "Oak Avenue", "Maple Drive",    "Pine Street", "Cedar Lane",
    "Washington Avenue", "Elm Street", "Lakeview Drive", "Park Place",  "Market Street"};
constexpr City kAmericanCities[] = {
    {"New York", "NY", "100##|101##", "212%######", "646%######|917%######|347%######",
     "America/New_York", -300, 5},
    {"Los Angeles", "CA", "900##", "213%######", "213%######|310%######|323%######",
     "America/Los_Angeles", -480, 3},
    {"San Francisco", "CA", "941##", "415%######", "415%######|628%######", "America/Los_Angeles",
     -480, 3},
    {"Chicago", "IL", "606##", "312%######", "312%######|773%######|872%######", "America/Chicago",
     -360, 3},
    {"Austin", "TX", "787##", "512%######", "512%######|737%######", "America/Chicago", -360, 2},
    {"Seattle", "WA", "981##", "206%######", "206%######", "America/Los_Angeles", -480, 2},
    {"Boston", "MA", "021##", "617%######", "617%######|857%######", "America/New_York", -300, 2},
    {"Denver", "CO", "802##", "303%######", "303%######|720%######", "America/Denver", -420, 2},
    {"Miami", "FL", "331##", "305%######", "305%######|786%######", "America/New_York", -300, 2},
};

constexpr string_view kSpanishStreets[] = {
    "Calle Mayor",           "Calle Real",         "Avenida de la Libertad",
    "Calle San Juan",        "Plaza Mayor",        "Calle de la Paz",
    "Calle Nueva",           "Avenida del Puerto", "Calle del Sol",
    "Paseo de la Castellana"};
constexpr City kSpanishCities[] = {
    {"Madrid", "Comunidad de Madrid", "280##", "91%######", "", "Europe/Madrid", 60, 5},
    {"Barcelona", "Cataluña", "080##", "93%######", "", "Europe/Madrid", 60, 4},
    {"Valencia", "Comunitat Valenciana", "460##", "96%######", "", "Europe/Madrid", 60, 3},
    {"Sevilla", "Andalucía", "410##", "95%######", "", "Europe/Madrid", 60, 2},
    {"Bilbao", "País Vasco", "480##", "94%######", "", "Europe/Madrid", 60, 2},
    {"Málaga", "Andalucía", "290##", "95%######", "", "Europe/Madrid", 60, 2},
    {"Zaragoza", "Aragón", "500##", "976%#####", "", "Europe/Madrid", 60, 1},
    {"Las Palmas de Gran Canaria", "Canarias", "350##", "928%#####", "", "Atlantic/Canary", 0, 1},
};

constexpr string_view kItalianStreets[] = {"Via Roma",
                                           "Via Garibaldi",
                                           "Corso Italia",
                                           "Via Mazzini",
                                           "Via Dante",
                                           "Via Verdi",
                                           "Viale della Repubblica",
                                           "Via Cavour",
                                           "Piazza della Libertà",
                                           "Via XX Settembre"};
constexpr City kItalianCities[] = {
    {"Roma", "Lazio", "001##", "06%#######", "", "Europe/Rome", 60, 5},
    {"Milano", "Lombardia", "201##", "02%#######", "", "Europe/Rome", 60, 5},
    {"Torino", "Piemonte", "101##", "011%######", "", "Europe/Rome", 60, 3},
    {"Napoli", "Campania", "801##", "081%######", "", "Europe/Rome", 60, 3},
    {"Firenze", "Toscana", "501##", "055%######", "", "Europe/Rome", 60, 2},
    {"Bologna", "Emilia-Romagna", "401##", "051%######", "", "Europe/Rome", 60, 2},
    {"Palermo", "Sicilia", "901##", "091%######", "", "Europe/Rome", 60, 1},
};

constexpr string_view kDutchStreets[] = {
    "Kerkstraat",   "Dorpsstraat", "Stationsweg",      "Molenweg",      "Prinsengracht",
    "Schoolstraat", "Julianalaan", "Wilhelminastraat", "Keizersgracht", "Marktplein"};
constexpr City kDutchCities[] = {
    {"Amsterdam", "Noord-Holland", "10%# @@", "20%######", "", "Europe/Amsterdam", 60, 5},
    {"Rotterdam", "Zuid-Holland", "30%# @@", "10%######", "", "Europe/Amsterdam", 60, 3},
    {"Den Haag", "Zuid-Holland", "25%# @@", "70%######", "", "Europe/Amsterdam", 60, 3},
    {"Utrecht", "Utrecht", "35%# @@", "30%######", "", "Europe/Amsterdam", 60, 2},
    {"Eindhoven", "Noord-Brabant", "56%# @@", "40%######", "", "Europe/Amsterdam", 60, 2},
    {"Groningen", "Groningen", "97%# @@", "50%######", "", "Europe/Amsterdam", 60, 1},
};

constexpr string_view kPortugueseStreets[] = {
    "Rua Augusta",    "Avenida da Liberdade", "Rua do Carmo", "Rua de Santa Catarina",
    "Rua da Prata",   "Avenida da República", "Rua Direita",  "Travessa do Carvalho",
    "Rua das Flores", "Largo do Rato"};
constexpr City kPortugueseCities[] = {
    {"Lisboa", "Lisboa", "1%##-###", "21%######", "", "Europe/Lisbon", 0, 5},
    {"Porto", "Porto", "4%##-###", "22%######", "", "Europe/Lisbon", 0, 3},
    {"Braga", "Braga", "47##-###", "253%#####", "", "Europe/Lisbon", 0, 1},
    {"Coimbra", "Coimbra", "30##-###", "239%#####", "", "Europe/Lisbon", 0, 1},
};

constexpr Country kCountries[] = {
    {"DE", "49", "de", "€",
     "151########|152########|157########|160#######|162#######|170#######|171#######|"
     "172#######|176########|177#######|178#######|179#######",
     kGermanStreets, StreetStyle::kNameNumber, 1, 140, "GmbH|GmbH|AG|KG", kGerman, kGermanCities,
     22},
    {"US", "1", "en", "$", "", kAmericanStreets, StreetStyle::kNumberName, 100, 9800,
     "Inc.|LLC|Inc.|Corp.", kAmerican, kAmericanCities, 18},
    {"GB", "44", "en", "£", "74########|75########|77########|78########|79########",
     kBritishStreets, StreetStyle::kNumberName, 1, 180, "Ltd|Ltd|PLC", kBritish, kBritishCities,
     14},
    {"FR", "33", "fr", "€", "6########|73#######|75#######|76#######|77#######|78#######",
     kFrenchStreets, StreetStyle::kNumberName, 1, 120, "SAS|SARL|SA", kFrench, kFrenchCities, 12},
    {"NL", "31", "nl", "€", "6%#######", kDutchStreets, StreetStyle::kNameNumber, 1, 300,
     "B.V.|B.V.|N.V.", kDutch, kDutchCities, 10},
    {"ES", "34", "es", "€", "6########|71#######|72#######", kSpanishStreets,
     StreetStyle::kNameCommaNumber, 1, 150, "S.L.|S.L.|S.A.", kSpanish, kSpanishCities, 9},
    {"IT", "39", "it", "€",
     "32########|33########|34########|35########|36########|38########|39########",
     kItalianStreets, StreetStyle::kNameNumber, 1, 160, "S.r.l.|S.r.l.|S.p.A.", kItalian,
     kItalianCities, 9},
    {"PT", "351", "pt", "€", "91#######|92#######|93#######|96#######", kPortugueseStreets,
     StreetStyle::kNameCommaNumber, 1, 200, "Lda.|Lda.|S.A.", kPortuguese, kPortugueseCities, 6},
};

// ---------------------------------------------------------------------------------------------
// Companies.

constexpr string_view kBrandWords[] = {
    "Northwind",  "Bluefin",    "Silverline", "Oakridge",   "Redwood",    "Brightwater",
    "Ironbridge", "Harborview", "Summit",     "Cedar",      "Falcon",     "Granite",
    "Maple",      "Beacon",     "Evergreen",  "Lakeside",   "Copper",     "Horizon",
    "Meridian",   "Sterling",   "Aurora",     "Nimbus",     "Vertex",     "Pinnacle",
    "Alder",      "Birch",      "Willow",     "Juniper",    "Kestrel",    "Osprey",
    "Heron",      "Orchard",    "Riverbend",  "Stonegate",  "Highland",   "Northstar",
    "Southwind",  "Eastgate",   "Westbrook",  "Clearwater", "Greenfield", "Fairview",
    "Crescent",   "Lighthouse", "Anchor",     "Compass",    "Keystone",   "Cornerstone",
    "Bluebell",   "Sunflower",  "Lindenhof",  "Rosewood",   "Ashford",    "Bramble",
    "Thistle",    "Quarry",     "Mistral",    "Sirocco",    "Tramontana", "Alpenglow",
    "Fjord",      "Polaris",    "Zenith",     "Helix",      "Quantum",    "Vector",
    "Lumen",      "Tidewater",  "Driftwood",  "Ember",      "Flint",      "Cobalt",
    "Indigo",     "Saffron",    "Marigold",   "Amber",      "Obsidian",   "Onyx",
    "Pebble",     "Ridgeline",  "Timberline", "Canyon",     "Prairie",    "Glacier",
    "Lagoon",     "Coral",      "Sequoia",    "Magnolia",   "Sonnenberg", "Belvedere",
    "Montclair",  "Sierra",     "Alameda",    "Zonneveld",  "Rivoli",     "Costa Verde",
    "Edelweiss",  "Lavender",   "Hawthorn",   "Wildrose"};

constexpr string_view kSoftwareNouns[] = {"Labs",  "Systems",   "Software",     "Digital",
                                          "Cloud", "Analytics", "Technologies", "Data"};
constexpr string_view kLogisticsNouns[] = {"Logistics", "Freight", "Shipping",
                                           "Transport", "Cargo",   "Couriers"};
constexpr string_view kRetailNouns[] = {"Outfitters", "Goods",   "Market",
                                        "Supply",     "Traders", "Home & Living"};
constexpr string_view kManufacturingNouns[] = {"Industries", "Works",       "Manufacturing",
                                               "Tooling",    "Fabrication", "Machines"};
constexpr string_view kHealthcareNouns[] = {"Health", "Medical", "Care", "Clinics", "Diagnostics"};
constexpr string_view kFinanceNouns[] = {"Capital", "Finance", "Advisors", "Wealth", "Insurance"};
constexpr string_view kHospitalityNouns[] = {"Hotels", "Hospitality", "Catering", "Kitchens",
                                             "Resorts"};
constexpr string_view kEducationNouns[] = {"Academy", "Learning", "Institute", "Training"};
constexpr string_view kEnergyNouns[] = {"Energy", "Power", "Solar", "Renewables", "Utilities"};
constexpr string_view kConstructionNouns[] = {"Builders", "Construction", "Engineering",
                                              "Architects", "Interiors"};
constexpr string_view kFoodNouns[] = {"Foods",           "Bakery",     "Brewing",
                                      "Coffee Roasters", "Provisions", "Dairy"};
constexpr string_view kMediaNouns[] = {"Media", "Studio", "Publishing", "Creative", "Marketing"};
constexpr string_view kConsultingNouns[] = {"Consulting", "Partners", "Group", "Associates",
                                            "Advisory"};

constexpr Industry kIndustries[] = {
    {"Software", kSoftwareNouns},       {"Logistics", kLogisticsNouns},
    {"Retail", kRetailNouns},           {"Manufacturing", kManufacturingNouns},
    {"Healthcare", kHealthcareNouns},   {"Financial Services", kFinanceNouns},
    {"Hospitality", kHospitalityNouns}, {"Education", kEducationNouns},
    {"Energy", kEnergyNouns},           {"Construction", kConstructionNouns},
    {"Food & Beverage", kFoodNouns},    {"Media & Marketing", kMediaNouns},
    {"Consulting", kConsultingNouns},
};

// ---------------------------------------------------------------------------------------------
// Mail, staff and catalogue. The demo tenant sells office equipment and a workspace
// subscription, so interactions can be about both deliveries and renewals.

constexpr string_view kPersonalEmailDomains[] = {"mailbox.example",  "post.example",
                                                 "inbox.example",    "webmail.example",
                                                 "homemail.example", "freemail.example"};

constexpr string_view kAgentNames[] = {"Mara", "Tom",  "Aylin", "Pierre", "Giulia",
                                       "Sam",  "Ines", "Jonas", "Priya",  "Lars"};

constexpr string_view kProducts[] = {
    "Aurora standing desk",    "Nimbus headset",  "Atlas ergonomic chair", "Lumen desk lamp",
    "Vector monitor arm",      "Orbit webcam",    "Quill note tablet",     "Harbor docking station",
    "Echo conference speaker", "Cove phone booth"};

constexpr string_view kPlans[] = {"Starter", "Team", "Business", "Enterprise"};

}  // namespace

std::span<const Country> Countries() { return kCountries; }
std::span<const NameCulture> NameCultures() { return kCultures; }
std::span<const Industry> Industries() { return kIndustries; }
std::span<const std::string_view> CompanyBrandWords() { return kBrandWords; }
std::span<const std::string_view> PersonalEmailDomains() { return kPersonalEmailDomains; }
std::span<const std::string_view> AgentNames() { return kAgentNames; }
std::span<const std::string_view> Products() { return kProducts; }
std::span<const std::string_view> Plans() { return kPlans; }

}  // namespace rapport::demo
