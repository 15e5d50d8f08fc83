using Whuffie.Organizations;
using static Whuffie.Ideas.IdeaStatus;

namespace Whuffie.Demo;

/// <summary>A Swedish municipality. Freja, a Dane living in Malmö, comments in Danish, as people across the bridge do.</summary>
internal static class MalmoStad
{
    public static readonly DemoOrg Content = new(
        "malmo-stad", "Malmö stad", "sv", AgeDays: 70,
        Staff: [("anna", OrgRole.Admin), ("johan", OrgRole.Staff)],
        Trusted: ["oskar"],
        Categories:
        [
            ("trafik-och-cykel", "Trafik och cykel"),
            ("parker-och-lekplatser", "Parker och lekplatser"),
            ("snorojning", "Snöröjning och halka"),
            ("kultur-och-fritid", "Kultur och fritid"),
        ],
        Ideas:
        [
            new("trafik-och-cykel", "oskar", 59.2, "Sammanhängande cykelbana längs Amiralsgatan",
                """
                Cykelbanan längs Amiralsgatan är avbruten på flera ställen mellan Nobeltorget och Rosengård, och där får man samsas med bussar och bilar. Det känns otryggt, särskilt för barnen som cyklar till skolan.

                Mitt förslag:

                - bygg ihop cykelbanan hela vägen
                - skilj den från körbanan med kantsten i stället för en målad linje
                - se över trafiksignalerna så att cyklister får grönt samtidigt som gående
                """,
                Voters: ["emma", "linnea", "amir", "freja"],
                Comments:
                [
                    new("linnea", 1.4, "Ja! Jag cyklar där varje dag med barnen, och korsningarna är rent livsfarliga."),
                    new("emma", 3.0, "Håller med. Och gör den bred nog för lådcyklar, tack."),
                    new("johan", 36.1, "Mer information om projektet, och om hur du kan lämna synpunkter, kommer att finnas på [malmo.se](https://malmo.se) när detaljplaneringen börjar."),
                ],
                Answers:
                [
                    new(UnderReview, "johan", 5.3, "Tack för förslaget, Oskar! Sträckan ingår i den cykelplan som gatukontoret håller på att ta fram. Vi återkommer här när vi vet mer om tidplanen."),
                    new(Planned, "johan", 35.6, "Nu är det beslutat: tekniska nämnden har gett klartecken till en sammanhängande cykelbana med kantsten längs hela sträckan. Byggstart är planerad till nästa år, och trafiksignalerna ses över i samma projekt."),
                ]),

            new("snorojning", "emma", 55.0, "Snöröj cykelbanorna före bilvägarna",
                """
                När det snöar är bilvägarna ofta plogade tidigt på morgonen, medan cykelbanorna ligger orörda till lunch. Den som cyklar till jobbet vid sju får antingen leda cykeln eller ta bilen – och då är det lätt att välja bilen.

                Kan inte cykelbanorna prioriteras, åtminstone de stora pendlingsstråken?
                """,
                Voters: ["oskar", "amir"],
                Comments:
                [
                    new("amir", 0.7, "Samma sak med gångbanorna vid busshållplatserna. Där blir det rena isbanan.", Helpful: true),
                    new("johan", 2.1, "Tack, Amir. Halka vid en hållplats kan du alltid felanmäla direkt, så skickar vi ut en sandbil."),
                    new("oskar", 23.5, "Sopsaltningen mellan Malmö C och Västra hamnen fungerar jättebra, mycket bättre än grus!"),
                ],
                Answers:
                [
                    new(UnderReview, "johan", 2.9, "Bra synpunkt, Emma. Enligt vår vinterplan ska de stora cykelstråken vara röjda före klockan sju, men vi ser att det inte alltid har fungerat i vinter. Vi går igenom det med våra entreprenörer."),
                    new(InProgress, "johan", 19.8, "Vi har ändrat avtalen med entreprenörerna så att huvudcykelstråken röjs först, och i vinter testar vi sopsaltning på tre sträckor, bland annat mellan Malmö C och Västra hamnen. Vi utvärderar efter säsongen."),
                ]),

            new("parker-och-lekplatser", "linnea", 50.4, "Fler fågelbogungor på lekplatserna",
                """
                Min son sitter i rullstol, och det finns nästan ingenting för honom på lekplatserna i vårt område. En fågelbogunga – den stora runda gungan – kan han och hans syskon använda tillsammans.

                Kan ni sätta upp fler sådana? Och gärna gummiasfalt i stället för sand under, så att man kommer fram med rullstolen.
                """,
                Voters: ["emma", "amir", "freja"],
                Comments:
                [
                    new("freja", 2.0, "Helt enig. Og gerne flere bænke tæt på gyngerne til os voksne."),
                    new("amir", 4.3, "Lekplatsen i Rosengård har en sådan gunga, och den är alltid upptagen. Det säger väl allt."),
                    new("linnea", 39.0, "Vi har testat den nya gungan i Beijers park. Min son strålade. Tack!"),
                ],
                Answers:
                [
                    new(Planned, "anna", 6.4, "Tack, Linnea, för ett viktigt förslag. Vi sätter upp fågelbogungor på fyra lekplatser, och där vi ändå byter underlag lägger vi gummiasfalt så att det går att ta sig fram med rullstol."),
                    new(Launched, "anna", 38.2, "Nu finns det fågelbogungor på fyra lekplatser: i Beijers park, Pildammsparken, Folkets park och vid Ribersborg. Tack för idén – och berätta gärna hur det fungerar!"),
                ]),

            new("trafik-och-cykel", "amir", 46.1, "Gratis parkering i centrum på lördagar",
                "Det blir dyrt att handla i centrum en lördag när parkeringen kostar över 30 kronor i timmen. Många åker hellre till köpcentrumen utanför stan, där parkeringen är gratis. Gratis parkering på lördagar skulle ge mer liv i innerstaden.",
                Voters: ["linnea"],
                Comments:
                [
                    new("emma", 1.6, "Jag tycker tvärtom att vi borde ha färre bilar i centrum. Bussarna och cykelbanorna räcker långt."),
                    new("amir", 2.0, "Det är lätt att säga om man inte har tre barn och en veckohandling att bära hem."),
                ],
                Answers:
                [
                    new(Declined, "anna", 8.7, "Tack för förslaget, Amir. Vi förstår att det blir dyrt, men avgifterna gör att det finns lediga platser för dem som verkligen behöver bil, till exempel hantverkare och den som ska lämna eller hämta något. Gratis parkering skulle också gå emot stadens trafik- och miljömål, så vi går inte vidare med idén. Ett tips är att använda våra infartsparkeringar, där du parkerar gratis och tar bussen in till centrum."),
                ]),

            new("snorojning", "linnea", 31.5, "Sanda cykelbanorna innan rusningstrafiken",
                "Varje morgon när det är minusgrader är cykelbanan längs Lundavägen som en skridskobana. Snälla, sanda eller salta innan folk ska till jobbet!",
                Voters: ["emma", "freja", "amir"],
                Answers:
                [
                    new(Duplicate, "johan", 1.2, "Tack för tipset, Linnea! Det här hanterar vi redan i #2, och vi går just nu igenom vinterväghållningen av cykelstråken med våra entreprenörer. Vi slår ihop idéerna och flyttar över rösterna dit.", DuplicateOf: 2),
                ]),

            new("kultur-och-fritid", "emma", 26.3, "Öppna Stadsbiblioteket tidigare på söndagar",
                """
                Stadsbiblioteket öppnar först klockan tolv på söndagar. För oss som jobbar heltid är söndagen den enda dagen med tid över, och vid tolv är det redan fullt vid borden. Skulle det gå att öppna klockan tio i stället?

                Och gärna längre öppettider på kvällarna under tentaperioderna.
                """,
                Voters: ["linnea", "oskar", "amir", "freja"],
                Comments:
                [
                    new("freja", 1.1, "Ja tak! Mit bibliotek i Søborg er ved at indføre selvbetjening om søndagen. Det kunne I også prøve."),
                    new("anna", 5.0, "Kulturförvaltningen vill gärna veta vilka tider ni helst skulle se. Skriv gärna här!"),
                    new("linnea", 6.2, "Söndag 10–17 skulle passa barnfamiljer perfekt."),
                ],
                Answers:
                [
                    new(UnderReview, "anna", 3.8, "Tack, Emma! Vi har skickat förslaget till kulturförvaltningen, som just nu ser över bibliotekens öppettider inför nästa år. Vi återkommer här när beslutet är fattat."),
                ]),

            new("parker-och-lekplatser", "oskar", 21.0, "Fler offentliga toaletter i parkerna",
                "Det finns nästan inga offentliga toaletter i Pildammsparken eller vid Ribersborg, och de som finns är ofta stängda på vintern. För barnfamiljer och äldre är det ett verkligt problem. Kan ni sätta upp fler – gärna sådana som är öppna året runt och har skötbord?",
                Voters: ["linnea", "emma"],
                Comments:
                [
                    new("anna", 2.3, "Bra påpekande, Oskar. På [malmo.se](https://malmo.se) finns en karta över alla offentliga toaletter, men vi håller med om att de är för få. Vi tar med det här i arbetet med det nya parkprogrammet."),
                ]),

            new("trafik-och-cykel", "linnea", 14.7, "Cykelpump och verktygsstation vid Malmö C och Triangeln",
                "Vid många stationer i Danmark finns det gratis cykelpumpar och små verktygsstationer. Det vore jättebra vid Malmö C och Triangeln, där så många cyklar till tåget. En punktering på morgonen ska inte behöva betyda att man missar tåget.",
                Voters: ["oskar", "emma", "amir", "freja"],
                Comments:
                [
                    new("freja", 0.6, "Det har vi på Nørreport, og den bliver brugt hele tiden."),
                ]),

            new("kultur-och-fritid", "amir", 8.9, "Sommarbio i parken",
                "Vad sägs om gratis utomhusbio i Pildammsparken några kvällar i juli? Ta med en filt och en picknick. Det vore ett fint sätt att få folk från olika delar av stan att träffas.",
                Voters: ["linnea", "emma", "oskar"],
                Comments:
                [
                    new("linnea", 1.2, "Gärna en tidig föreställning för barnfamiljer också!"),
                ]),

            new("trafik-och-cykel", "emma", 2.4, "Bättre belysning på cykelvägen längs Ribersborg",
                "Gång- och cykelvägen längs Ribersborgsstranden är kolsvart på kvällarna. Jag cyklar där varje dag på väg hem från jobbet och känner mig inte trygg. Fler lampor, tack!",
                Voters: ["freja"]),
        ]);
}
