/// Word lists the generator draws text from. They imitate the kinds of values in Sparkify's files (US metro
/// areas for listeners, 2014-era browsers, international artists), including the awkward ones: non-ASCII
/// letters, slashes, apostrophes, a control character in place of an apostrophe, U+FFFD in a place name.
enum Vocabulary {
    static let femaleFirstNames = [
        "Adelyn", "Aleena", "Alivia", "Amiya", "Anabelle", "Andrea", "Ann", "Ava", "Avery", "Ayla", "Ayleen",
        "Brooke", "Cecilia", "Celeste", "Chloe", "Cienna", "Cierra", "Emily", "Evelin", "Gianna", "Hannah",
        "Harper", "Isabella", "Jacqueline", "Jaleah", "Jizelle", "Jordyn", "Kate", "Katherine", "Kaylee",
        "Kimber", "Kinsley", "Kynnedi", "Layla", "Lily", "Lucia", "Magdalene", "Maia", "Makinley", "Marina",
        "Mia", "Molly", "Naomi", "Olivia", "Paisley", "Quinn", "Rebecca", "Ryann", "Sara", "Savannah",
        "Shakira", "Sienna", "Sofia", "Stefany", "Sylvie", "Tegan", "Valeria", "Willow", "Zoe",
    ]
    static let maleFirstNames = [
        "Adler", "Aiden", "Austin", "Benjamin", "Braden", "Brantley", "Brayden", "Bronson", "Caleb", "Carlos",
        "Christian", "Colm", "Connar", "Devin", "Dominick", "Dustin", "Elijah", "Ethan", "Gabriel", "Hayden",
        "Isaac", "Jacob", "Jahiem", "James", "Jayden", "Jordan", "Joseph", "Kaleb", "Kevin", "Liam", "Lucas",
        "Martin", "Mason", "Matthew", "Mohammad", "Morris", "Nathan", "Noah", "Oliver", "Owen", "Preston",
        "Ryan", "Rylan", "Samuel", "Sean", "Theodore", "Tucker", "Tyler", "Walter", "Wyatt", "Zachary",
    ]
    static let lastNames = [
        "Arellano", "Ayala", "Banks", "Barrera", "Barrett", "Bell", "Benson", "Brock", "Burke", "Burns",
        "Butler", "Calhoun", "Carter", "Chavez", "Clark", "Colon", "Cook", "Cooper", "Cruz", "Cuevas",
        "Davidson", "Davis", "Duffy", "Finley", "Fox", "Freeman", "Frye", "Garrison", "George", "Gilmore",
        "Gonzalez", "Graves", "Griffin", "Gutierrez", "Harrell", "Harris", "Hayes", "Herman", "Hess", "Hicks",
        "Hunt", "Johnson", "Jones", "Jordan", "Kirby", "Klein", "Koch", "Larson", "Lee", "Levine", "Lynch",
        "Martin", "Martinez", "Miles", "Moreno", "Nguyen", "Norris", "Owens", "Parker", "Patel", "Porter",
        "Powell", "Ramirez", "Robinson", "Rodriguez", "Rogers", "Rosales", "Roth", "Sanchez", "Sanders",
        "Santana", "Scott", "Simpson", "Smith", "Summers", "Sutton", "Taylor", "Terrell", "Thomas", "Valdez",
        "Watkins", "West", "White", "Williams", "Wilson", "Wise", "Young",
    ]

    /// Listener locations: US metropolitan statistical areas, as the app logs them.
    static let metroAreas = [
        "Atlanta-Sandy Springs-Roswell, GA", "Augusta-Richmond County, GA-SC", "Birmingham-Hoover, AL",
        "Boston-Cambridge-Newton, MA-NH", "Cedar Rapids, IA", "Chicago-Naperville-Elgin, IL-IN-WI",
        "Columbia, SC", "Dallas-Fort Worth-Arlington, TX", "Denver-Aurora-Lakewood, CO",
        "Detroit-Warren-Dearborn, MI", "Elkhart-Goshen, IN", "Eugene, OR", "Eureka-Arcata-Fortuna, CA",
        "Harrisburg-Carlisle, PA", "Houston-The Woodlands-Sugar Land, TX", "Indianapolis-Carmel-Anderson, IN",
        "Janesville-Beloit, WI", "Klamath Falls, OR", "La Crosse-Onalaska, WI-MN", "Lake Havasu City-Kingman, AZ",
        "Lansing-East Lansing, MI", "Las Cruces, NM", "London, KY", "Longview, TX",
        "Los Angeles-Long Beach-Anaheim, CA", "Lubbock, TX", "Marinette, WI-MI",
        "Miami-Fort Lauderdale-West Palm Beach, FL", "Milwaukee-Waukesha-West Allis, WI",
        "Minneapolis-St. Paul-Bloomington, MN-WI", "Myrtle Beach-Conway-North Myrtle Beach, SC-NC",
        "Nashville-Davidson--Murfreesboro--Franklin, TN", "New Haven-Milford, CT", "New Orleans-Metairie, LA",
        "New York-Newark-Jersey City, NY-NJ-PA", "Ogden-Clearfield, UT", "Oxnard-Thousand Oaks-Ventura, CA",
        "Palestine, TX", "Parkersburg-Vienna, WV", "Pensacola-Ferry Pass-Brent, FL",
        "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD", "Phoenix-Mesa-Scottsdale, AZ", "Plymouth, IN",
        "Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA", "Raleigh, NC", "Red Bluff, CA",
        "Richmond, VA", "Sacramento--Roseville--Arden-Arcade, CA", "Saginaw, MI", "Salinas, CA",
        "Salt Lake City, UT", "San Antonio-New Braunfels, TX", "San Diego-Carlsbad, CA",
        "San Francisco-Oakland-Hayward, CA", "San Jose-Sunnyvale-Santa Clara, CA", "Santa Rosa, CA",
        "Seattle-Tacoma-Bellevue, WA", "St. Louis, MO-IL", "Tampa-St. Petersburg-Clearwater, FL",
        "Tucson, AZ", "Washington-Arlington-Alexandria, DC-VA-MD-WV", "Waterloo-Cedar Falls, IA",
        "Winston-Salem, NC", "Youngstown-Warren-Boardman, OH-PA", "Yuba City, CA",
    ]

    /// Browsers of 2014 with how often a listener uses each. The app quotes a value (with literal `"`)
    /// exactly when it contains a comma, which is how about a quarter end up unquoted.
    static let userAgents: [(agent: String, weight: Int)] = [
        ("Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0", 7),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.77.4 (KHTML, like Gecko) Version/7.0.5 Safari/537.77.4", 7),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.78.2 (KHTML, like Gecko) Version/7.0.6 Safari/537.78.2", 7),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 6),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36", 6),
        ("Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 5),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36", 5),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:31.0) Gecko/20100101 Firefox/31.0", 5),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_1 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D201 Safari/9537.53", 3),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53", 3),
        ("Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36", 3),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36", 2),
        ("Mozilla/5.0 (Windows NT 5.1; rv:31.0) Gecko/20100101 Firefox/31.0", 2),
        ("Mozilla/5.0 (Windows NT 6.1; rv:31.0) Gecko/20100101 Firefox/31.0", 2),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64; rv:32.0) Gecko/20100101 Firefox/32.0", 2),
        ("Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 2),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.102 Safari/537.36", 2),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 2),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.94 Safari/537.36", 2),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/35.0.1916.153 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.94 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_3) AppleWebKit/537.75.14 (KHTML, like Gecko) Version/7.0.3 Safari/537.75.14", 1),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.103 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10) AppleWebKit/538.46 (KHTML, like Gecko) Version/8.0 Safari/538.46", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_6_8) AppleWebKit/534.59.10 (KHTML, like Gecko) Version/5.1.9 Safari/534.59.10", 1),
        ("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; WOW64; Trident/6.0)", 1),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", 1),
        ("Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:30.0) Gecko/20100101 Firefox/30.0", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_2) AppleWebKit/537.75.14 (KHTML, like Gecko) Version/7.0.3 Safari/537.75.14", 1),
        ("Mozilla/5.0 (Windows NT 6.2; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.7; rv:31.0) Gecko/20100101 Firefox/31.0", 1),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:31.0) Gecko/20100101 Firefox/31.0", 1),
        ("Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)", 1),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.94 Safari/537.36", 1),
        ("Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko", 1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.94 Safari/537.36", 1),
    ]

    /// Where artists come from, with coordinates in 1e-5 degrees. Some carry non-ASCII letters, a slash,
    /// a leading space or a replacement character, as the song files do.
    static let artistPlaces: [(name: String, latitude: Int, longitude: Int)] = [
        ("San Francisco, CA", 3_777_916, -12_242_005), ("Memphis, TN", 3_514_968, -9_004_892),
        ("London, England", 5_150_632, -12_714), ("Seattle, WA", 4_760_621, -12_233_207),
        ("Denver, CO", 3_973_915, -10_498_474), ("Long Beach, CA", 3_376_672, -11_819_240),
        ("Singapore", 132_026, 10_378_871), ("Los Angeles, CA", 3_405_349, -11_824_532),
        ("Bristol, England", 5_145_360, -258_797), ("Chicago, IL", 4_188_415, -8_763_241),
        ("Staten Island, NY", 4_057_885, -7_421_956), ("Portland, OR", 4_551_179, -12_267_563),
        ("Great Britain / UK", 5_431_392, -223_218), ("\u{FFFD}gelholm, Sweden", 6_219_845, 1_755_142),
        ("Birmingham, England", 5_248_142, -189_983), ("New York, NY", 4_071_455, -7_400_712),
        ("Berlin, Germany", 5_251_607, 1_337_698), ("Baltimore, MD", 3_929_055, -7_660_960),
        ("Toronto, Ontario, Canada", 4_364_856, -7_938_533), ("Ume\u{E5}, Sweden", 6_382_584, 2_026_243),
        ("M\u{FC}nster, Germany", 5_196_301, 761_781), ("Monterrey, NL, M\u{E9}xico", 2_567_084, -10_030_953),
        ("Paris, France", 4_885_693, 235_208), ("Qu\u{E9}bec", 4_681_228, -7_121_981),
        ("D\u{FC}sseldorf", 5_122_774, 677_346), ("Malm\u{F6}", 5_560_587, 1_300_244),
        ("S\u{E3}o Paulo, Brazil", -2_354_864, -4_663_818), ("Mexico City, Mexico", 1_943_190, -9_913_285),
        ("Boston", 4_231_256, -7_108_868), ("Manhattan, Kansas", 3_917_881, -9_656_183),
        ("Hoboken, New Jersey (USA)", 4_073_716, -7_403_097), ("Dongo Buti, Niger", 1_761_099, 808_094),
        ("Cuba", 2_151_102, -7_780_679), ("Sassuolo, Italy", 4_454_187, 1_078_142),
        ("Winnipeg, Manitoba, Canada", 4_989_942, -9_714_074), ("South Carolina", 3_362_646, -8_094_740),
        ("Chelsea, MA", 4_239_376, -7_103_237), ("Maastricht", 5_084_983, 568_827),
        ("Toulon, France", 4_312_532, 593_030), ("FRANCE", 4_671_067, 171_819),
        (" Ub\u{E1}, Minas Gerais", -2_111_985, -4_294_326), ("Sherbrooke", 4_540_326, -7_188_893),
        ("Austin, TX", 3_026_759, -9_774_298), ("Nashville, TN", 3_616_778, -8_678_449),
        ("Detroit, MI", 4_233_143, -8_304_575), ("Atlanta, GA", 3_374_831, -8_439_111),
        ("Kingston, Jamaica", 1_801_793, -7_680_993), ("Dublin, Ireland", 5_334_980, -626_031),
        ("Reykjav\u{ED}k, Iceland", 6_414_657, -2_194_237), ("Oslo, Norway", 5_991_387, 1_075_225),
        ("Sydney, Australia", -3_386_882, 15_120_929), ("Tokyo, Japan", 3_567_620, 13_965_032),
        ("Buenos Aires, Argentina", -3_460_372, -5_838_157), ("Montr\u{E9}al, Qu\u{E9}bec", 4_550_169, -7_356_725),
        ("Philadelphia, PA", 3_995_227, -7_516_213), ("Miami, FL", 2_577_427, -8_019_366),
        ("Houston, TX", 2_976_019, -9_536_939), ("Minneapolis, MN", 4_497_903, -9_326_493),
        ("Glasgow, Scotland", 5_586_423, -425_181), ("Manchester, England", 5_347_809, -224_403),
        ("Stockholm, Sweden", 5_932_512, 1_806_914), ("K\u{F8}benhavn, Denmark", 5_567_612, 1_256_834),
        ("San Sebasti\u{FFFD} Spain", 4_308_364, -873_153), ("California - LA", 3_405_349, -11_824_532),
        ("Texas", 3_147_592, -9_904_321), ("UK", 5_431_407, -223_001), ("Brooklyn, NY", 4_065_501, -7_394_872),
    ]

    /// Words for song titles and band names.
    static let words = [
        "Love", "Night", "Heart", "Dream", "Fire", "Rain", "Summer", "Blue", "Girl", "Boy", "Time", "World",
        "Light", "Dance", "Home", "Road", "River", "Sky", "Star", "Moon", "Sun", "City", "Song", "Soul",
        "Baby", "Angel", "Ghost", "Shadow", "Train", "Money", "Highway", "Ocean", "Winter", "Morning",
        "Midnight", "Sugar", "Honey", "Diamond", "Gold", "Silver", "Stone", "Glass", "Paper", "Wild",
        "Crazy", "Lonely", "Sweet", "Broken", "Golden", "Little", "Big", "Black", "White", "Red", "Green",
        "Electric", "Secret", "Last", "First", "Forever", "Never", "Tonight", "Yesterday", "Tomorrow",
        "Revolution", "Freedom", "Memory", "Paradise", "Heaven", "Devil", "Kings", "Queen", "Machine",
        "Rock", "Roll", "Blues", "Groove", "Fever", "Thunder", "Lightning", "Storm", "Wind", "Fields",
        "Garden", "Window", "Door", "Mirror", "Shoes", "Radio", "Letter", "Story", "Game", "Party",
        "Runaway", "Stranger", "Hero", "Lovers", "Friends", "Brothers", "Sisters", "Children", "People",
        "Mountain", "Valley", "Desert", "Island", "Harbor", "Bridge", "Street", "Avenue", "Boulevard",
        "Echo", "Silence", "Noise", "Static", "Signal", "Wave", "Tide", "Flame", "Smoke", "Ashes",
        "Velvet", "Satellite", "Rocket", "Planet", "Galaxy", "Comet", "Orbit", "Neon", "Chrome", "Cherry",
        "Whiskey", "Coffee", "Candy", "Bones", "Blood", "Tears", "Kiss", "Touch", "Eyes", "Hands",
    ]
    /// Title words from other languages, many with letters outside ASCII.
    static let foreignWords = [
        "Coraz\u{F3}n", "Ma\u{F1}ana", "Canci\u{F3}n", "Revoluci\u{F3}n", "D\u{E9}collage", "R\u{EA}ve",
        "Fr\u{FC}hling", "M\u{E4}dchen", "S\u{E3}o", "Cora\u{E7}\u{E3}o", "Na\u{E7}\u{E3}o", "L\u{E5}ngt",
        "K\u{E4}rlek", "\u{C9}t\u{E9}", "Ni\u{F1}o", "Pap\u{E1}", "Caf\u{E9}", "Amor", "Noche", "Vida",
        "Luna", "Sol", "Mar", "Cielo", "Chanson", "Amour", "Nuit", "Liebe", "Nacht", "Himmel", "Fl\u{FC}gel",
        "Se\u{F1}ora", "Volc\u{E1}n", "Ensorcel\u{E9}e", "Pr\u{F3}fugos", "B\u{E9}b\u{E9}", "\u{C5}ngest",
        "D\u{F8}gn", "Sm\u{E5}", "\u{D8}ya", "Gr\u{F6}\u{DF}e", "Stra\u{DF}e",
    ]
    static let titleSuffixes = [
        " (Album Version)", " (LP Version)", " (Live)", " (Radio Edit)", " (Remastered)", " (Demo)",
        " (Acoustic)", " (Remix)", " [feat. MC Lyte]", " (Extended Mix)", " (Single Version)",
    ]
    static let bandNouns = [
        "Tigers", "Wolves", "Saints", "Sinners", "Kids", "Brothers", "Lights", "Shadows", "Ramblers",
        "Drifters", "Machines", "Strangers", "Rebels", "Pilots", "Sparrows", "Horses", "Mountains", "Ghosts",
        "Heartbreakers", "Orchestra", "Collective", "Project", "Sound System", "Quartet", "Trio",
    ]
    static let artistFirstNames = [
        "Johnny", "Billy", "Ray", "Nina", "Etta", "Marvin", "Aretha", "Willie", "Dolly", "Bob", "Joni",
        "Patti", "Tom", "Sam", "Otis", "Ella", "Frank", "Dean", "Norah", "Tracy", "Ben", "Jack", "Kate",
        "Ana", "Carlos", "Neil", "Lucinda", "Emmylou", "Van", "Bruce", "Stevie", "Janis", "Curtis", "Al",
    ]
    static let accentedFirstNames = [
        "Bj\u{F6}rn", "Jos\u{E9}", "Andr\u{E9}", "C\u{E9}line", "Jo\u{E3}o", "S\u{E9}rgio", "B\u{E9}la",
        "Ren\u{E9}e", "Zo\u{EB}", "Ra\u{FA}l", "Fran\u{E7}ois", "J\u{FC}rgen", "\u{C9}dith", "In\u{EA}s",
    ]
}
