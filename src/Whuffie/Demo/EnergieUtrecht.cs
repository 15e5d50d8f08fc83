using Whuffie.Organizations;
using static Whuffie.Ideas.IdeaStatus;

namespace Whuffie.Demo;

/// <summary>A Dutch energy company, with a Norwegian and an English-speaking customer among the Dutch ones.</summary>
internal static class EnergieUtrecht
{
    public static readonly DemoOrg Content = new(
        "energie-utrecht", "Energie Utrecht", "nl", AgeDays: 65,
        Staff: [("femke", OrgRole.Admin), ("willem", OrgRole.Staff)],
        Trusted: ["bram"],
        Categories:
        [
            ("storingen", "Storingen"),
            ("app-en-online", "App en Mijn Energie Utrecht"),
            ("klantenservice", "Klantenservice"),
            ("zonnepanelen", "Zonnepanelen en verduurzaming"),
            ("tarieven", "Tarieven en facturen"),
        ],
        Ideas:
        [
            new("storingen", "sanne", 57.3, "Storingsmelding via sms",
                """
                Bij de stroomstoring van vorige maand zat ik een uur in het donker zonder te weten wat er aan de hand was. Mijn telefoon was bijna leeg en de website wilde niet laden. Kunnen jullie bij een storing in mijn postcodegebied een sms sturen met:

                - wat er aan de hand is
                - hoe lang het naar verwachting duurt
                - wanneer de storing is opgelost

                Een sms komt altijd aan, ook als je geen internet hebt.
                """,
                Voters: ["bram", "lotte", "ingrid", "priya"],
                Comments:
                [
                    new("bram", 0.8, "Graag ook een bericht als de storing voorbij is, dan weet je of je de vriezer moet controleren.", Helpful: true),
                    new("willem", 16.2, "Goed punt, Bram: de 'opgelost'-melding nemen we mee."),
                    new("lotte", 36.4, "Vanochtend mijn eerste sms gehad bij de korte storing in Lombok. Werkt prima!"),
                ],
                Answers:
                [
                    new(UnderReview, "willem", 3.1, "Goed idee, Sanne, en helemaal terecht. Storingen in het net vallen onder de netbeheerder, maar wij kunnen hun storingsinformatie wel aan onze klanten doorgeven. We zoeken uit hoe we dat per postcode kunnen doen."),
                    new(InProgress, "willem", 15.4, "We zijn begonnen. Vanaf nu kun je in Mijn Energie Utrecht je mobiele nummer opgeven voor storingsmeldingen. De koppeling met de storingsgegevens van de netbeheerder testen we deze maand."),
                    new(Launched, "femke", 35.0, "Storingsmeldingen via sms zijn live! Zet ze aan via Mijn Energie Utrecht › Instellingen › Meldingen. Je krijgt een bericht als een storing begint, als de verwachte duur verandert en als alles weer werkt. Dank je wel, Sanne, voor het idee – en iedereen die heeft meegedacht."),
                ]),

            new("app-en-online", "bram", 53.0, "Uurprijzen van mijn dynamische contract in de app",
                """
                Ik heb een dynamisch contract, maar moet steeds een andere website openen om te zien wanneer stroom goedkoop is. Het zou mooi zijn als de app:

                - de uurprijzen van vandaag en morgen laat zien
                - een melding stuurt als de prijs onder een grens zakt die ik zelf instel

                Dan zet ik de wasmachine en het laden van de auto op de goedkope uren.
                """,
                Voters: ["sanne", "ingrid"],
                Comments:
                [
                    new("priya", 29.1, "Would love this. Happy to beta test!"),
                    new("sanne", 29.4, "Ik wil ook graag meetesten."),
                    new("willem", 30.2, "Top, Priya en Sanne: jullie krijgen deze week per mail een uitnodiging voor de testversie."),
                ],
                Answers:
                [
                    new(Planned, "femke", 7.9, "Dank je, Bram! Een overzicht van de uurprijzen in de app staat op de planning voor volgend kwartaal, en de prijsmelding nemen we mee in dezelfde release."),
                    new(InProgress, "femke", 28.6, "We zijn aan de slag. De uurprijzen staan al in de testversie van de app; de meldingen volgen daarna. Wil je meetesten? Laat het weten in een reactie."),
                ]),

            new("klantenservice", "lotte", 48.2, "Klantenservice ook 's avonds bereikbaar",
                "De klantenservice is alleen bereikbaar van 9.00 tot 17.00 uur, precies wanneer ik zelf aan het werk ben. Kan het niet minstens één avond per week tot 20.00 uur? Of anders een chat die 's avonds bemand is.",
                Voters: ["sanne", "bram", "priya"],
                Comments:
                [
                    new("ingrid", 1.3, "Enig! Og gjerne en chat – det er mye lettere for oss som ikke snakker så godt nederlandsk."),
                ],
                Answers:
                [
                    new(UnderReview, "femke", 2.4, "Dank voor je idee, Lotte. In onze cijfers zien we dat veel klanten ons na werktijd proberen te bellen. We onderzoeken wat langere openingstijden betekenen voor de bezetting van ons team."),
                    new(Planned, "femke", 21.7, "Goed nieuws: vanaf volgende maand is de klantenservice op dinsdag en donderdag telefonisch bereikbaar tot 20.00 uur, en is de chat ook op zaterdag open van 10.00 tot 14.00 uur."),
                ]),

            new("zonnepanelen", "bram", 43.6, "Hogere terugleververgoeding voor zonnepanelen",
                "Voor de stroom die mijn zonnepanelen terugleveren krijg ik bijna niets meer, terwijl ik voor stroom van het net het volle tarief betaal. Kunnen jullie de terugleververgoeding verhogen? Anders wordt het voor niemand meer aantrekkelijk om panelen te nemen.",
                Voters: ["sanne", "lotte"],
                Comments:
                [
                    new("bram", 9.0, "Helder verhaal, al blijf ik het jammer vinden. Ik ga me verdiepen in een thuisbatterij."),
                ],
                Answers:
                [
                    new(Declined, "femke", 8.2,
                        """
                        Dank je, Bram, we begrijpen de wens. Onze terugleververgoeding volgt de marktprijs op het moment dat je stroom teruglevert, en midden op een zonnige dag, als heel Nederland tegelijk teruglevert, is die prijs laag. Een hogere vaste vergoeding zouden we moeten betalen uit de tarieven van al onze klanten, ook die zonder panelen. Daarom doen we dit niet.

                        Wat wel helpt: zelf meer stroom gebruiken als de zon schijnt. Tips vind je bij [Milieu Centraal](https://www.milieucentraal.nl).
                        """),
                ]),

            new("app-en-online", "lotte", 35.4, "Stroomprijs per uur tonen in de app",
                "Het zou handig zijn als ik in de app kan zien wat stroom per uur kost. Dan kan ik de vaatwasser aanzetten als het goedkoop is.",
                Voters: ["priya", "sanne"],
                Answers:
                [
                    new(Duplicate, "willem", 0.9, "Dank je, Lotte! Dit idee staat al in #2, en dat staat op de planning. We voegen de twee samen, zodat alle stemmen bij elkaar komen.", DuplicateOf: 2),
                ]),

            new("app-en-online", "ingrid", 30.1, "Varsel når strømforbruket er uvanlig høyt",
                """
                Hei! Jeg er norsk og har bodd i Utrecht i to år, så beklager at jeg skriver på norsk – nederlandsken min er ikke god nok ennå.

                Hjemme i Norge fikk jeg varsel fra strømselskapet når forbruket var uvanlig høyt, for eksempel hvis en panelovn sto på mens jeg var bortreist. Kan dere lage noe lignende i appen? Den smarte måleren har jo allerede alle dataene.
                """,
                Voters: ["sanne", "bram", "priya"],
                Comments:
                [
                    new("sanne", 1.0, "Goed idee! Handig als je op vakantie bent. (En je Noors is trouwens prima te volgen.)"),
                    new("ingrid", 5.8, "Tusen takk! Det hadde vært supert."),
                ],
                Answers:
                [
                    new(UnderReview, "femke", 4.6, "Bedankt voor je idee, Ingrid – en geen probleem dat je in het Noors schrijft! We onderzoeken of we met de gegevens van de slimme meter automatisch een melding kunnen sturen bij ongewoon hoog verbruik. We laten hier weten wat eruit komt."),
                ]),

            new("klantenservice", "priya", 24.0, "English version of the app and invoices",
                """
                Utrecht has a big international community, but the website, the app and the invoices are only in Dutch. I use a translation app to read my annual statement, and it mangles the numbers. An English option would help a lot of us, especially for:

                - the app and *Mijn Energie Utrecht*
                - the annual statement (*jaarafrekening*)
                - emails about price changes
                """,
                Voters: ["ingrid", "bram"],
                Comments:
                [
                    new("willem", 1.7, "Thanks, Priya. Until then, our customer service team is happy to help you in English by phone or chat. We've passed your idea on to the team that builds the app."),
                    new("ingrid", 2.5, "Yes please! Norwegian would be a stretch, but English would help a lot."),
                ]),

            new("zonnepanelen", "sanne", 17.8, "Collectieve inkoop van zonnepanelen per wijk",
                "In onze straat in Tuinwijk willen zeker tien huishoudens zonnepanelen, maar niemand weet goed waar te beginnen. Kan Energie Utrecht een collectieve inkoop per wijk organiseren? Samen krijg je een betere prijs en één betrouwbare installateur voor de hele straat.",
                Voters: ["bram", "lotte", "ingrid", "priya"],
                Comments:
                [
                    new("bram", 0.9, "Goed plan. Check wel eerst of je dak geschikt is, bijvoorbeeld op [zonatlas.nl](https://www.zonatlas.nl)."),
                    new("lotte", 3.3, "Wij doen mee! Ook in Lombok zijn genoeg mensen die dit willen."),
                ]),

            new("tarieven", "bram", 10.6, "Maandfactuur op basis van werkelijk verbruik",
                "Met een slimme meter weten jullie precies hoeveel ik verbruik. Waarom betaal ik dan nog steeds een vast voorschot, met aan het eind van het jaar een verrassing? Ik krijg liever elke maand een factuur voor wat ik echt heb verbruikt.",
                Voters: ["lotte", "priya"],
                Comments:
                [
                    new("femke", 1.4, "Interessant idee, Bram. Sommige klanten vinden een vast bedrag per maand juist prettig, omdat de winter dan niet zo hard aankomt. Zou een keuze tussen de twee voor jou werken?"),
                    new("bram", 1.9, "Een keuze zou perfect zijn."),
                ]),

            new("zonnepanelen", "lotte", 3.6, "Energiecoach aan huis voor ouderen",
                "Mijn moeder (82) heeft geen idee waar haar energie naartoe gaat en durft niets aan haar instellingen te veranderen. Een energiecoach die een uurtje langskomt om mee te kijken en tips te geven, zou haar en veel andere ouderen enorm helpen.",
                Voters: []),
        ]);
}
