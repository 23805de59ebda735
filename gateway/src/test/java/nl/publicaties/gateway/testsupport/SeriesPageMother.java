package nl.publicaties.gateway.testsupport;

import java.util.List;
import nl.publicaties.contracts.catalog.TextSection;
import nl.publicaties.contracts.pages.SeriesPage;

/**
 * The catalog's answer for the seed series "Monitor integriteit en veiligheid", as recorded from the seed
 * manifest (catalog-service/src/main/resources/seed/monitor-integriteit-en-veiligheid.json); the same data as
 * recorded/catalog-series-monitor-integriteit-en-veiligheid.json.
 */
public final class SeriesPageMother {

    public static final String SLUG = "monitor-integriteit-en-veiligheid";
    public static final String MONITOR_2022 = "9415a09c-db79-5882-a49b-756bfda6749c";
    public static final String MONITOR_2022_VIJF_MINUTEN = "73e34c8a-b0ab-5442-93e5-ea7ddfaab0bf";
    public static final String FACTSHEET_ALGEMEEN_2020 = "c2634cae-593e-5eb9-a5ee-cf47c893dbee";
    public static final String FACTSHEET_GRONINGEN_2022 = "ba396da1-3e7e-5bb7-936d-c13e5b4eeb9b";

    private SeriesPageMother() {
    }

    public static SeriesPage monitorIntegriteitEnVeiligheid() {
        return new SeriesPage("86dc967a-c400-5d65-b52b-4da436036a14", SLUG, "Monitor integriteit en veiligheid",
                "Dit onderzoek geeft inzicht in de mate waarin politieke ambtsdragers in het openbaar bestuur te maken krijgen met agressie en geweld door burgers, en welke aanpak werkgevers hanteren om dit te voorkomen en te bestrijden. Bekijk hieronder ook de eerdere onderzoeken en de factsheets per provincie en doelgroep.",
                List.of(new TextSection("Stijging agressie en intimidatie tegen politieke ambtsdragers in provincies",
                        "De Monitor Integriteit en Veiligheid geeft inzicht in de mate waarin politieke ambtsdragers en medewerkers in het openbaar bestuur te maken krijgen met agressie en geweld. De monitor wordt uitgevoerd in opdracht van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties. Ook is er een factsheet opgesteld voor politieke ambtsdragers van provincies.")),
                List.of(
            new SeriesPage.EditionEntry("dc20ffdb-6170-53d1-8a42-6aef56985e33", "Monitor 2022", 2022, "2022-11-24",
                    null,
                    "Het ministerie van BZK heeft I&O Research gevraagd de cijfers uit de Monitor Integriteit en Veiligheid 2022 uit te splitsen per provincie. Er zijn 12 factsheets ontwikkeld die per provincie een duidelijk beeld schetsen van de stand van zaken rondom de veiligheid en integriteit van politici in die specifieke provincie. Per provincie worden de cijfers steeds per thema vergeleken met de landelijke cijfers. De factsheets per provincie zijn hier te downloaden.",
                    List.of(
                    doc("9415a09c-db79-5882-a49b-756bfda6749c", "Monitor integriteit en veiligheid 2022", "rapport", null, null, null,
                            "monitor-integriteit-en-veiligheid-2022.pdf", 1048576L),
                    doc("73e34c8a-b0ab-5442-93e5-ea7ddfaab0bf", "Monitor integriteit en veiligheid 2022 5-minutenversie", "samenvatting", null, null, null,
                            "monitor-integriteit-en-veiligheid-2022-5-minutenversie.pdf", 243917L),
                    doc("0ce76a73-0a28-5948-b84f-7bba97dd0928", "Factsheet politieke ambtsdragers algemeen 2022", "factsheet", "politieke ambtsdragers algemeen", null, null,
                            "factsheet-politieke-ambtsdragers-algemeen-2022.pdf", 142029L),
                    doc("a61e7083-1a9d-5bf0-aa12-3d8ecff0e15e", "Factsheet politieke ambtsdragers provincies 2022", "factsheet", "politieke ambtsdragers provincies", null, null,
                            "factsheet-politieke-ambtsdragers-provincies-2022.pdf", 97792L),
                    doc("ba396da1-3e7e-5bb7-936d-c13e5b4eeb9b", "Factsheet Monitor integriteit en veiligheid 2022 – Groningen", "factsheet", "politieke ambtsdragers provincies", "PV20", "Groningen",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-groningen.pdf", 103731L),
                    doc("bedd41a0-dd38-5299-839d-c2bb99f5f1be", "Factsheet Monitor integriteit en veiligheid 2022 – Fryslân", "factsheet", "politieke ambtsdragers provincies", "PV21", "Fryslân",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-fryslan.pdf", 101069L),
                    doc("b3262d8b-f2fd-5685-827d-63e5c4cdeab8", "Factsheet Monitor integriteit en veiligheid 2022 – Drenthe", "factsheet", "politieke ambtsdragers provincies", "PV22", "Drenthe",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-drenthe.pdf", 98509L),
                    doc("0fb5c35a-5bb9-5e7e-b73f-3228fffe3e0b", "Factsheet Monitor integriteit en veiligheid 2022 – Overijssel", "factsheet", "politieke ambtsdragers provincies", "PV23", "Overijssel",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-overijssel.pdf", 107315L),
                    doc("5a0de7ea-9ce6-57e4-a8a2-cfadb65c4285", "Factsheet Monitor integriteit en veiligheid 2022 – Flevoland", "factsheet", "politieke ambtsdragers provincies", "PV24", "Flevoland",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-flevoland.pdf", 95642L),
                    doc("c8ab9793-c354-5127-9071-a7f974896daa", "Factsheet Monitor integriteit en veiligheid 2022 – Gelderland", "factsheet", "politieke ambtsdragers provincies", "PV25", "Gelderland",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-gelderland.pdf", 110182L),
                    doc("e95e5c4b-8240-5017-a68f-a6a68134852e", "Factsheet Monitor integriteit en veiligheid 2022 – Utrecht", "factsheet", "politieke ambtsdragers provincies", "PV26", "Utrecht",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-utrecht.pdf", 101478L),
                    doc("1ba55602-e053-51d7-a4a6-9b1e58455a83", "Factsheet Monitor integriteit en veiligheid 2022 – Noord-Holland", "factsheet", "politieke ambtsdragers provincies", "PV27", "Noord-Holland",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-noord-holland.pdf", 112538L),
                    doc("b8617c89-bd1e-5bb6-8ac5-f399e39aa705", "Factsheet Monitor integriteit en veiligheid 2022 – Zuid-Holland", "factsheet", "politieke ambtsdragers provincies", "PV28", "Zuid-Holland",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-zuid-holland.pdf", 113869L),
                    doc("1abfa1a8-e340-54b4-ab65-2d6607375d5c", "Factsheet Monitor integriteit en veiligheid 2022 – Zeeland", "factsheet", "politieke ambtsdragers provincies", "PV29", "Zeeland",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-zeeland.pdf", 97075L),
                    doc("bc8bb61c-9bab-596e-a242-af1dcf892487", "Factsheet Monitor integriteit en veiligheid 2022 – Noord-Brabant", "factsheet", "politieke ambtsdragers provincies", "PV30", "Noord-Brabant",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-noord-brabant.pdf", 107827L),
                    doc("9efca8c5-3aee-5edb-b855-2c73638a7681", "Factsheet Monitor integriteit en veiligheid 2022 – Limburg", "factsheet", "politieke ambtsdragers provincies", "PV31", "Limburg",
                            "factsheet-monitor-integriteit-en-veiligheid-2022-limburg.pdf", 103014L))),
            new SeriesPage.EditionEntry("31d7aa76-8d2a-5007-a28e-3f1b6facedf0", "Monitor 2020", 2020, "2020-11-26",
                    null,
                    null,
                    List.of(
                    doc("d18744c7-9548-59fb-99c6-e933810cb9ec", "Monitor integriteit en veiligheid 2020", "rapport", null, null, null,
                            "monitor-integriteit-en-veiligheid-2020.pdf", 1468006L),
                    doc("98cc28f4-222b-52cf-91a7-8ed86ba8f0d5", "Monitor integriteit en veiligheid 2020 5-minutenversie", "samenvatting", null, null, null,
                            "monitor-integriteit-en-veiligheid-2020-5-minutenversie.pdf", 557670L),
                    doc("c2634cae-593e-5eb9-a5ee-cf47c893dbee", "Factsheet politieke ambtsdragers algemeen 2020", "factsheet", "politieke ambtsdragers algemeen", null, null,
                            "factsheet-politieke-ambtsdragers-algemeen-2020.pdf", 80794L),
                    doc("c48652df-f520-59fa-a25f-ace9ca701225", "Factsheet politieke ambtsdragers provincies 2020", "factsheet", "politieke ambtsdragers provincies", null, null,
                            "factsheet-politieke-ambtsdragers-provincies-2020.pdf", 103219L))),
            new SeriesPage.EditionEntry("348049c9-cf28-51be-a803-1a8406021b6e", "Monitor 2018", 2018, "2018-11-29",
                    null,
                    null,
                    List.of(
                    doc("9b7628c8-0e25-50c2-b64e-15cb95e379f9", "Monitor agressie en geweld 2018", "rapport", null, null, null,
                            "monitor-agressie-en-geweld-2018.pdf", 881459L),
                    doc("bd1af5b3-3431-591f-a9bc-70a1d9a4d15a", "Factsheet politieke ambtsdragers algemeen 2018", "factsheet", "politieke ambtsdragers algemeen", null, null,
                            "factsheet-politieke-ambtsdragers-algemeen-2018.pdf", 437760L),
                    doc("9b8590f5-02eb-5919-b4ac-5b8467e17291", "Factsheet politieke ambtsdragers provincies 2018", "factsheet", "politieke ambtsdragers provincies", null, null,
                            "factsheet-politieke-ambtsdragers-provincies-2018.pdf", 344576L)))));
    }

    private static SeriesPage.DocumentEntry doc(String id, String title, String kind, String audience,
                                                String regionCode, String regionName, String fileName, long size) {
        return new SeriesPage.DocumentEntry(id, title, kind, audience, regionCode, regionName, fileName,
                "application/pdf", size, "0".repeat(64), "/documents/" + id + "/" + fileName);
    }
}
