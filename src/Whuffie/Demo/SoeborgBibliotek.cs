using Whuffie.Organizations;
using static Whuffie.Ideas.IdeaStatus;

namespace Whuffie.Demo;

/// <summary>A Danish public library: patrons write in Danish, one newcomer in English.</summary>
internal static class SoeborgBibliotek
{
    public static readonly DemoOrg Content = new(
        "soeborg-bibliotek", "Søborg Bibliotek", "da", AgeDays: 75,
        Staff: [("lars", OrgRole.Admin), ("mette", OrgRole.Staff)],
        Trusted: ["sofie"],
        Categories:
        [
            ("aabningstider", "Åbningstider"),
            ("rum-og-faciliteter", "Rum og faciliteter"),
            ("boeger-og-materialer", "Bøger og materialer"),
            ("boern-og-unge", "Børn og unge"),
            ("arrangementer", "Arrangementer og fællesskab"),
        ],
        Ideas:
        [
            new("aabningstider", "sofie", 58.4, "Længere åbningstid med personale på hverdage",
                """
                Jeg arbejder inde i byen og er sjældent hjemme før kl. 18 – og så er der ikke længere personale på biblioteket. Det er ærgerligt, for det er netop om aftenen, jeg har tid til at få hjælp til at finde en god bog eller bestille noget hjem fra et andet bibliotek.

                Kunne I holde åbent med personale til kl. 20 bare et par dage om ugen?
                """,
                Voters: ["freja", "jonas"],
                Comments:
                [
                    new("jonas", 1.1, "Enig! Og gerne lørdag eftermiddag også, hvis det kan lade sig gøre."),
                    new("mette", 2.6, "Tak for jeres input. Vi samler ønskerne om åbningstider her, så skriv endelig, hvilke dage og tidspunkter der passer jer bedst."),
                    new("freja", 3.0, "Tirsdag og torsdag ville være perfekt for mig."),
                ],
                Answers:
                [
                    new(UnderReview, "lars", 4.2, "Tak for idéen, Sofie – den har vi hørt fra flere. Vi ser på vagtplanen for det kommende halvår og vender tilbage her, når vi ved, hvad der kan lade sig gøre."),
                    new(Planned, "lars", 30.5, "Nu er det besluttet: Fra næste måned har vi åbent med personale til kl. 20 tirsdag og torsdag. Det er en forsøgsordning på seks måneder, og vi følger besøgstallene undervejs – så kom endelig forbi!"),
                ]),

            new("aabningstider", "mads", 52.2, "Selvbetjening om søndagen",
                """
                Mange biblioteker har åbent med selvbetjening om søndagen – hvorfor ikke Søborg? Det behøver ikke at være med personale. Bare adgang med sundhedskort og pinkode, så man kan:

                - hente sine reserveringer
                - aflevere bøger
                - sidde og læse avis eller arbejde i ro og mag

                Søndag er den dag, hvor hele familien har tid til at tage på biblioteket.
                """,
                Voters: ["sofie", "freja", "jonas", "tom"],
                Comments:
                [
                    new("jonas", 1.8, "Ja tak! Søndag formiddag er det eneste tidspunkt, hvor jeg kan nå det med to små børn."),
                    new("tom", 6.0, "Yes please – this would make my Sundays."),
                    new("lars", 41.0, "Første søndag kom der 212 besøgende – langt flere, end vi havde regnet med. Tak, fordi I kom!"),
                    new("sofie", 43.3, "Skønt! Men der mangler et skilt ved indgangen om, hvordan man kommer ind. Jeg stod og ledte efter kortlæseren i fem minutter.", Helpful: true),
                    new("mette", 43.9, "Godt set, Sofie. Skiltet er bestilt og kommer op i næste uge."),
                ],
                Answers:
                [
                    new(UnderReview, "lars", 5.0, "God idé! For at kunne holde åbent uden personale skal vi have adgangskontrol og kameraer. Vi undersøger, hvad det koster, og vender tilbage."),
                    new(InProgress, "lars", 20.4, "Kommunen har bevilget penge til adgangskontrol, og installationen går i gang i næste uge. Vi regner med at kunne åbne for selvbetjening om søndagen inden for en måned."),
                    new(Launched, "lars", 40.1, "Så er der åbent! Biblioteket har nu selvbetjening om søndagen kl. 10–16. Du kommer ind med dit sundhedskort og din pinkode. Tak til Mads for idéen – og til alle jer, der stemte den frem."),
                ]),

            new("rum-og-faciliteter", "freja", 47.5, "Flere studiepladser og grupperum, der kan bookes",
                """
                Op til eksamen er alle pladser i læsesalen optaget allerede kl. 10. Jeg har tre forslag:

                - gør det muligt at booke grupperummet på 1. sal på nettet, så man ikke skal møde op og håbe på det bedste
                - sæt flere stikkontakter op ved bordene ved vinduerne
                - lav et stillerum, hvor man ikke må tale i telefon

                Vi er mange studerende i området, som ikke har et ordentligt sted at læse derhjemme.
                """,
                Voters: ["sofie", "mads", "jonas", "tom"],
                Comments:
                [
                    new("tom", 0.9, "Seconded – a proper quiet room would be brilliant."),
                    new("sofie", 2.4, "Stillerum, ja tak. Det er svært at koncentrere sig, når nogen holder Teams-møde ved nabobordet."),
                    new("mette", 26.0, "Opdatering: Elektrikeren kommer på tirsdag og sætter otte nye stikkontakter op ved vinduerne."),
                ],
                Answers:
                [
                    new(UnderReview, "mette", 6.1, "Tak, Freja. Booking af grupperum er allerede på vej i vores nye bookingsystem, og ønsket om stikkontakter har vi sendt videre til kommunens ejendomsafdeling. Stillerummet ser vi på, når vi alligevel skal indrette 1. sal på ny."),
                    new(InProgress, "mette", 25.3, "Vi er i gang. Bookingsystemet bliver sat op i disse uger, så grupperummet kan bookes via bibliotekets hjemmeside fra næste måned. Stikkontakterne kommer op inden eksamensperioden."),
                ]),

            new("boeger-og-materialer", "jonas", 44.0, "Flere e-bøger om måneden på eReolen",
                """
                Jeg læser næsten kun e-bøger, og jeg har brugt mine tre lån om måneden allerede i første uge. Kunne I hæve grænsen til for eksempel fem?

                Lånene foregår jo på [eReolen](https://ereolen.dk), så det kræver ikke mere plads på hylderne.
                """,
                Voters: ["sofie", "freja", "mads"],
                Comments:
                [
                    new("sofie", 2.7, "Det samme her. Og ventelisten på de populære titler er tit flere måneder lang."),
                    new("jonas", 10.2, "Ærgerligt, men tak for et ordentligt svar. Godt, at lydbøgerne kommer op på fem."),
                ],
                Answers:
                [
                    new(Declined, "lars", 9.4, "Tak for idéen, Jonas – vi forstår godt ønsket. Men hvert lån på eReolen koster biblioteket et fast beløb, og for at pengene kan række hele året, er vi nødt til at holde fast i tre e-bøger om måneden. Til gengæld har vi fundet plads i budgettet til at hæve grænsen for lydbøger fra tre til fem. Vi tager spørgsmålet op igen, når næste års budget bliver lagt."),
                ]),

            new("boern-og-unge", "sofie", 40.3, "Læseklub for børn om lørdagen",
                """
                Min datter på ni år elsker at læse, men allerhelst vil hun snakke om bøgerne bagefter. Kunne biblioteket starte en læseklub for børn, fx hver anden lørdag formiddag?

                Gerne delt op i aldersgrupper, så de mindste og de store ikke skal læse de samme bøger.
                """,
                Voters: ["freja", "jonas"],
                Comments:
                [
                    new("freja", 1.5, "Min nevø på ti ville elske det!"),
                    new("mette", 33.2, "Første møde var en succes: 14 børn og en heftig diskussion om, hvorvidt Harry Potter er blevet gammeldags."),
                    new("sofie", 34.0, "Tak! Min datter glæder sig allerede til næste gang."),
                ],
                Answers:
                [
                    new(Planned, "mette", 7.0, "Sikke en dejlig idé! Vi har talt med vores børnebibliotekar, og fra næste måned starter vi en læseklub for 9–12-årige. De mindste får i stedet en højtlæsningsstund, for de har ofte mest glæde af at blive læst højt for."),
                    new(Launched, "mette", 30.2, "Læseklubben er i gang! Vi mødes hver anden lørdag kl. 10.30 i børnebiblioteket, og der er stadig ledige pladser. Tilmelding foregår ved skranken eller på bibliotekets hjemmeside."),
                ]),

            new("rum-og-faciliteter", "jonas", 33.1, "Et makerspace i kælderen",
                """
                Hvad med et lille makerspace i kælderen? Jeg forestiller mig:

                - en 3D-printer
                - en symaskine og en overlocker
                - en loddestation og lidt værktøj til at reparere elektronik

                Flere biblioteker har det allerede, fx [Dokk1 i Aarhus](https://www.dokk1.dk). Rummet kunne også bruges til en reparationscafé en gang om måneden.
                """,
                Voters: ["sofie", "mads", "freja", "tom"],
                Comments:
                [
                    new("mads", 1.0, "Jeg er elektriker og vil gerne stå for en reparationscafé en gang om måneden."),
                    new("freja", 2.2, "Symaskine, ja tak! Jeg har ikke plads til en derhjemme."),
                    new("lars", 13.5, "Tak, Mads – sådan et tilbud tager vi gerne imod. Vi kontakter dig, når vi ved mere om lokalerne."),
                ],
                Answers:
                [
                    new(UnderReview, "lars", 12.8, "Spændende forslag, Jonas. Kælderen skal alligevel renoveres næste år, og vi undersøger nu, om der er plads og penge til et makerspace. Skriv gerne en kommentar, hvis du kunne tænke dig at hjælpe til som frivillig."),
                ]),

            new("boeger-og-materialer", "tom", 27.4, "More English books – and easy Danish for learners",
                """
                I moved to Søborg two years ago and I'm learning Danish (slowly!). The English shelf is small and mostly crime fiction. Could you:

                - expand the English fiction section a little
                - put the easy Danish readers for adult learners somewhere easier to find

                I'd happily donate some of my own books to get it started.
                """,
                Voters: ["freja", "jonas"],
                Comments:
                [
                    new("mette", 1.9, "Thanks, Tom! We do have a shelf of easy Danish books (look for the *Let dansk* sign by the language section), but you're right that it's hard to find – we'll move it closer to the entrance. Donations are welcome at the front desk, though we can't promise they'll all end up on the shelves."),
                    new("freja", 4.4, "Enig – min læseklub læser på engelsk, og vi ender altid med at købe bøgerne selv."),
                ]),

            new("aabningstider", "mads", 20.2, "Aftenåbent med bibliotekarer",
                "Det ville være rart at kunne få hjælp af en bibliotekar efter arbejdstid. Kunne I ikke holde åbent med personale til kl. 21 et par aftener om ugen?",
                Voters: ["tom", "jonas"],
                Answers:
                [
                    new(Duplicate, "mette", 1.3, "Tak, Mads! Det samme ønske står allerede i #1, som vi har planlagt, så vi lægger din idé og dine stemmer sammen med den. Følg med dér.", DuplicateOf: 1),
                ]),

            new("arrangementer", "freja", 12.6, "Sprogcafé for nye danskere",
                "Mange i området er ved at lære dansk, men har svært ved at finde nogen at øve sig med. Kunne biblioteket lave en sprogcafé en aften om ugen, hvor man kan tale dansk over en kop kaffe? Jeg melder mig gerne som frivillig.",
                Voters: ["tom", "sofie", "jonas"],
                Comments:
                [
                    new("tom", 0.8, "Jeg vil gerne komme! (Og jeg øver mig på at skrive på dansk her.)"),
                    new("lars", 2.5, "Hvor er det et godt initiativ, Freja. Vi taler med det lokale frivilligcenter om, hvordan vi kommer i gang, og vender tilbage."),
                ]),

            new("rum-og-faciliteter", "sofie", 2.9, "Flere cykelstativer ved indgangen",
                "Cykelstativerne ved indgangen er altid fyldt om eftermiddagen, så cyklerne ender med at spærre døren. Kunne der komme flere stativer – gerne nogle, der er brede nok til ladcykler?",
                Voters: ["mads"]),
        ]);
}
