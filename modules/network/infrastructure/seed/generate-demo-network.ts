// Deterministic demo-network generator: writes data/centres.json and data/cooperation-agreements.json.
// Run: cd /work/main && node -r @swc-node/register modules/network/infrastructure/seed/generate-demo-network.ts
// Re-run after data/services.csv changes. Uses a seeded PRNG (mulberry32), never Math.random.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { OpeningHoursSpec, TimeInterval, WeeklyHours } from '../../domain/opening-hours';
import type { AgreementSeed, CentreSeed, MunicipalityRow } from './demo-data-files';

const DATA_DIR = join(__dirname, 'data');

// ---------------------------------------------------------------------------------------------
// Places per municipality (2021 reform; Varakļāni in Madonas nov. since 2025-07-01).
// Row formats (space separated, 4-digit postcode last):
//   'T <town nom> <town gen> <lat> <lon> <post>'                      town (pilsēta)
//   'P <parish gen> <village nom> <lat> <lon> <post>'                 parish centre village
//   'V <parish gen> <village nom> <village gen> <lat> <lon> <post>'   second village of a parish
// The first `active` rows become active centres (row 0 = the municipality's main centre),
// the remaining rows become new parish contact points (parishes with no active centre).
// ---------------------------------------------------------------------------------------------
interface MunicipalityPlan {
  atvk: string;
  abbr: string;
  active: number;
  regionalMain?: boolean;
  places: string[];
}

const PLAN: MunicipalityPlan[] = [
  { atvk: '0020000', abbr: 'AIZ', active: 18, regionalMain: true, places: [
    'T Aizkraukle Aizkraukles 56.6048 25.2551 5101', 'T Jaunjelgava Jaunjelgavas 56.6128 25.0803 5134',
    'T Koknese Kokneses 56.6433 25.4367 5113', 'T Pļaviņas Pļaviņu 56.6178 25.7250 5120',
    'P Skrīveru Skrīveri 56.6450 25.1200 5125', 'P Neretas Nereta 56.2036 25.3081 5118',
    'P Aiviekstes Aiviekste 56.5950 25.7700 5120', 'P Bebru Bebri 56.7300 25.5000 5135',
    'P Iršu Irši 56.7700 25.6300 5132', 'P Kokneses Bilstiņi 56.6600 25.4000 5113',
    'P Daudzeses Daudzese 56.4900 25.2500 5111', 'P Klintaines Stukmaņi 56.5900 25.6600 5127',
    'P Mazzalves Mazzalve 56.2100 25.4700 5119', 'P Seces Sece 56.5670 25.3900 5110',
    'P Sērenes Sērene 56.5510 25.2130 5133', 'P Staburaga Staburags 56.5700 25.3500 5115',
    'P Sunākstes Sunākste 56.4930 25.4290 5117', 'P Valles Valle 56.4500 24.8000 5129',
    'P Vietalvas Vietalva 56.7300 25.9000 5123', 'P Zalves Zalve 56.3300 25.2700 5128',
    'P Pilskalnes Pilskalne 56.3300 25.5000 5116',
  ] },
  { atvk: '0021000', abbr: 'ALU', active: 5, regionalMain: true, places: [
    'T Alūksne Alūksnes 57.4230 27.0470 4301', 'P Zeltiņu Zeltiņi 57.3500 26.7500 4335',
    'P Jaunlaicenes Jaunlaicene 57.5900 27.0400 4338', 'P Liepnas Liepna 57.4000 27.4300 4340',
    'P Ziemera Māriņkalns 57.5290 27.0420 4339',
    'P Malienas Brūži 57.3640 27.2000 4341', 'P Pededzes Pededze 57.5100 27.4000 4334',
    'P Alsviķu Alsviķi 57.4700 26.9600 4345', 'P Ilzenes Ilzene 57.2300 26.8700 4332',
  ] },
  { atvk: '0022000', abbr: 'AUG', active: 5, places: [
    'T Ilūkste Ilūkstes 55.9780 26.2980 5447', 'T Subate Subates 56.0120 25.9070 5471',
    'P Naujenes Naujene 55.9230 26.7530 5451', 'P Kalupes Kalupe 56.0850 26.6300 5450',
    'P Višķu Višķi 56.0490 26.7650 5481',
    'P Ambeļu Ambeļi 56.0740 26.9020 5458', 'P Biķernieku Biķernieki 55.8900 26.8000 5468',
    'P Demenes Demene 55.7900 26.5000 5459', 'P Eglaines Eglaine 55.9300 25.9800 5474',
    'P Medumu Medumi 55.8050 26.4300 5460', 'P Vaboles Vabole 56.0500 26.3300 5453',
  ] },
  { atvk: '0023000', abbr: 'ADA', active: 2, places: [
    'T Ādaži Ādažu 57.0760 24.3230 2164', 'T Carnikava Carnikavas 57.1290 24.2870 2163',
  ] },
  { atvk: '0024000', abbr: 'BAL', active: 9, regionalMain: true, places: [
    'T Balvi Balvu 57.1310 27.2640 4501', 'T Viļaka Viļakas 57.1840 27.6720 4583',
    'P Baltinavas Baltinava 56.9440 27.6440 4594', 'P Rugāju Rugāji 57.0040 27.1290 4570',
    'P Tilžas Tilža 56.8900 27.3550 4572', 'P Bērzpils Bērzpils 56.8800 27.0800 4576',
    'P Žīguru Žīguri 57.2300 27.7800 4584', 'P Kubulu Kubuli 57.1100 27.3100 4566',
    'P Šķilbēnu Rekova 57.1200 27.7800 4587',
    'P Vīksnas Vīksna 57.2100 27.1500 4580', 'P Lazdulejas Egļuciems 57.1000 27.4900 4592',
    'P Medņevas Semenova 57.1000 27.7200 4595', 'P Krišjāņu Krišjāņi 56.9600 27.1100 4574',
  ] },
  { atvk: '0025000', abbr: 'BAU', active: 8, regionalMain: true, places: [
    'T Bauska Bauskas 56.4080 24.1940 3901', 'T Iecava Iecavas 56.5970 24.2050 3913',
    'P Vecumnieku Vecumnieki 56.6060 24.5230 3933', 'P Rundāles Pilsrundāle 56.4170 24.0200 3921',
    'P Skaistkalnes Skaistkalne 56.3830 24.6530 3924', 'P Codes Code 56.4550 24.1400 3901',
    'P Īslīces Rītausmas 56.4260 24.1200 3901', 'P Vecsaules Vecsaule 56.4700 24.4000 3918',
    'P Stelpes Stelpe 56.5600 24.7200 3934', 'P Bārbeles Bārbele 56.4500 24.6000 3930',
    'P Gailīšu Uzvara 56.2700 24.2400 3926',
  ] },
  { atvk: '0026000', abbr: 'CES', active: 12, regionalMain: true, places: [
    'T Cēsis Cēsu 57.3120 25.2700 4101', 'T Līgatne Līgatnes 57.2340 25.0420 4110',
    'P Vecpiebalgas Vecpiebalga 57.0600 25.8150 4122', 'P Jaunpiebalgas Jaunpiebalga 57.1780 26.0300 4125',
    'P Priekuļu Priekuļi 57.3160 25.3570 4126', 'P Amatas Ģikši 57.2590 25.2250 4139',
    'P Taurenes Taurene 57.1700 25.6700 4156', 'P Straupes Straupe 57.3500 24.9500 4152',
    'P Raiskuma Raiskums 57.3300 25.1500 4146', 'P Nītaures Nītaure 57.0700 25.1800 4112',
    'P Dzērbenes Dzērbene 57.2000 25.6200 4123', 'P Liepas Liepa 57.3700 25.4200 4128',
    'P Skujenes Skujene 57.0900 25.6200 4143', 'P Kaives Kaive 56.9800 25.7000 4118',
    'P Inešu Ineši 57.0300 25.8800 4133', 'P Zaubes Zaube 57.0300 25.2800 4113',
  ] },
  { atvk: '0027000', abbr: 'DKU', active: 11, places: [
    'T Grobiņa Grobiņas 56.5350 21.1660 3430', 'T Aizpute Aizputes 56.7210 21.6000 3456',
    'T Priekule Priekules 56.4460 21.5880 3434', 'T Pāvilosta Pāvilostas 56.8880 21.1860 3466',
    'T Durbe Durbes 56.5870 21.3690 3440', 'P Nīcas Nīca 56.3460 21.0650 3473',
    'P Rucavas Rucava 56.1610 21.1600 3477', 'P Vaiņodes Vaiņode 56.4170 21.8540 3435',
    'P Kazdangas Kazdanga 56.7280 21.7280 3457', 'P Vērgales Vērgale 56.7000 21.1900 3463',
    'P Bārtas Bārta 56.3540 21.2850 3478',
    'P Embūtes Embūte 56.5000 21.8100 3448', 'P Kalvenes Kalvene 56.6300 21.7800 3443',
    'P Medzes Medze 56.5340 21.2020 3428', 'P Virgas Virga 56.5200 21.5200 3469',
  ] },
  { atvk: '0028000', abbr: 'DOB', active: 5, regionalMain: true, places: [
    'T Dobele Dobeles 56.6250 23.2790 3701', 'T Auce Auces 56.4600 22.9010 3708',
    'P Tērvetes Tērvete 56.4830 23.3730 3730', 'P Bēnes Bēne 56.4530 23.0490 3711',
    'P Penkules Penkule 56.5700 23.0600 3718',
    'P Annenieku Annenieki 56.7300 23.1400 3719', 'P Jaunbērzes Jaunbērze 56.6500 23.4100 3727',
    'P Krimūnu Krimūnas 56.6800 23.3400 3702', 'P Augstkalnes Augstkalne 56.4000 23.3300 3731',
  ] },
  { atvk: '0029000', abbr: 'GUL', active: 4, regionalMain: true, places: [
    'T Gulbene Gulbenes 57.1750 26.7520 4401', 'P Lejasciema Lejasciems 57.2800 26.5900 4412',
    'P Rankas Ranka 57.2000 26.2400 4416', 'P Stāmerienas Stāmeriena 57.2240 26.8890 4406',
    'P Litenes Litene 57.0840 27.0200 4405', 'P Druvienas Druviena 57.1500 26.4400 4424',
    'P Lizuma Lizums 57.1800 26.3700 4425', 'P Tirzas Tirza 57.1100 26.5000 4418',
  ] },
  { atvk: '0030000', abbr: 'JEL', active: 18, places: [
    'T Jelgava Jelgavas 56.6500 23.7290 3001', 'P Ozolnieku Ozolnieki 56.6900 23.7800 3018',
    'P Elejas Eleja 56.4240 23.6920 3023', 'P Kalnciema Kalnciems 56.7950 23.6100 3016',
    'P Valgundes Valgunde 56.7700 23.6700 3017', 'P Glūdas Nākotne 56.6380 23.5610 3040',
    'P Jaunsvirlaukas Jaunsvirlauka 56.5870 23.7400 3032', 'P Lielplatones Lielplatone 56.5400 23.4700 3031',
    'P Līvbērzes Līvbērze 56.6790 23.5330 3014', 'P Platones Platone 56.5500 23.5800 3024',
    'P Sesavas Sesava 56.5030 23.5110 3034', 'P Svētes Svēte 56.6100 23.6800 3008',
    'P Vilces Vilce 56.4200 23.5500 3026', 'P Vircavas Vircava 56.5670 23.8380 3025',
    'P Zaļenieku Zaļenieki 56.5400 23.5200 3011', 'P Cenu Brankas 56.7400 23.8000 3043',
    'P Salgales Emburga 56.5600 24.0100 3035', 'V Jaunsvirlaukas Staļģene Staļģenes 56.5610 23.9370 3032',
  ] },
  { atvk: '0031000', abbr: 'JEK', active: 7, regionalMain: true, places: [
    'T Jēkabpils Jēkabpils 56.4990 25.8570 5201', 'T Aknīste Aknīstes 56.1610 25.7460 5208',
    'P Salas Sala 56.5030 25.7440 5230', 'T Viesīte Viesītes 56.3450 25.5580 5237',
    'P Atašienes Atašiene 56.5060 26.4400 5211', 'P Kūku Kūkas 56.5300 25.9900 5228',
    'P Zasas Zasa 56.2830 25.9930 5239',
    'P Dunavas Dunava 56.2400 26.1600 5216', 'P Asares Asare 56.1300 25.8900 5214',
    'P Sēlpils Sēlpils 56.5700 25.6500 5232', 'P Saukas Lone 56.2800 25.4900 5235',
  ] },
  { atvk: '0032000', abbr: 'KRA', active: 3, places: [
    'T Krāslava Krāslavas 55.8950 27.1680 5601', 'T Dagda Dagdas 56.0950 27.5360 5674',
    'P Aulejas Auleja 56.0600 27.2500 5694',
    'P Indras Indra 55.8800 27.5700 5664', 'P Piedrujas Piedruja 55.8000 27.4600 5662',
    'P Asūnes Asūne 56.0300 27.7800 5693', 'P Izvaltas Izvalta 55.9600 26.9800 5665',
  ] },
  { atvk: '0033000', abbr: 'KUL', active: 7, regionalMain: true, places: [
    'T Kuldīga Kuldīgas 56.9690 21.9680 3301', 'T Skrunda Skrundas 56.6780 22.0150 3326',
    'P Alsungas Alsunga 56.9800 21.5600 3306', 'P Ēdoles Ēdole 57.0120 21.7030 3310',
    'P Rudbāržu Rudbārži 56.7000 21.8700 3332', 'P Kurmāles Vilgāle 56.8300 21.9400 3320',
    'P Snēpeles Snēpele 56.8600 22.1300 3328',
    'P Turlavas Turlava 56.8200 21.7200 3318', 'P Raņķu Raņķi 56.6700 22.2500 3311',
    'P Vārmes Vārme 56.8900 22.1800 3333', 'P Laidu Laidi 57.0400 22.1200 3317',
  ] },
  { atvk: '0034000', abbr: 'KEK', active: 3, places: [
    'P Ķekavas Ķekava 56.8280 24.2300 2123', 'T Baldone Baldones 56.7420 24.4030 2125',
    'T Baloži Baložu 56.8760 24.1190 2128',
    'P Daugmales Daugmale 56.8200 24.4800 2124',
  ] },
  { atvk: '0035000', abbr: 'LIM', active: 4, regionalMain: true, places: [
    'T Limbaži Limbažu 57.5130 24.7130 4001', 'T Aloja Alojas 57.7670 24.8790 4064',
    'T Salacgrīva Salacgrīvas 57.7540 24.3590 4033', 'T Ainaži Ainažu 57.8630 24.3600 4035',
    'P Vidrižu Vidriži 57.3300 24.6200 4013', 'P Umurgas Umurga 57.4880 24.8510 4022',
    'P Pāles Pāle 57.6400 24.6200 4018',
  ] },
  { atvk: '0036000', abbr: 'LIV', active: 2, places: [
    'T Līvāni Līvānu 56.3540 26.1760 5316', 'P Rudzātu Rudzāti 56.3800 26.5400 5328',
    'P Jersikas Jersika 56.2500 26.1800 5315', 'P Sutru Sutri 56.3800 26.3600 5327',
  ] },
  { atvk: '0037000', abbr: 'LUD', active: 5, regionalMain: true, places: [
    'T Ludza Ludzas 56.5460 27.7190 5701', 'T Kārsava Kārsavas 56.7840 27.6880 5717',
    'T Zilupe Zilupes 56.3870 28.1210 5751', 'P Pasienes Pasiene 56.2770 28.0730 5754',
    'P Mērdzenes Mērdzene 56.7200 27.8700 5718',
    'P Nirzas Nirza 56.4300 27.6500 5714', 'P Rundēnu Rundēni 56.2800 27.9000 5734',
    'P Malnavas Malnava 56.7400 27.7500 5750', 'P Mežvidu Mežvidi 56.8300 27.5500 5719',
  ] },
  { atvk: '0038001', abbr: 'MAD', active: 8, regionalMain: true, places: [
    'T Madona Madonas 56.8540 26.2170 4801', 'T Cesvaine Cesvaines 56.9680 26.3060 4871',
    'T Lubāna Lubānas 56.9010 26.7230 4830', 'T Varakļāni Varakļānu 56.6080 26.7560 4838',
    'P Ērgļu Ērgļi 56.8980 25.6390 4840', 'P Barkavas Barkava 56.7150 26.5500 4835',
    'P Kalsnavas Jaunkalsnava 56.6900 25.9600 4860', 'P Praulienas Prauliena 56.8400 26.3300 4841',
    'P Murmastienes Murmastiene 56.5700 26.8500 4837', 'P Mārcienas Mārciena 56.7850 26.0500 4852',
    'P Sarkaņu Biksēre 57.0000 26.1200 4869', 'P Lazdonas Lazdona 56.8400 26.2600 4824',
  ] },
  { atvk: '0039000', abbr: 'MAR', active: 3, places: [
    'P Mārupes Mārupe 56.9060 24.0200 2167', 'P Babītes Piņķi 56.9460 23.9140 2107',
    'P Salas Spuņciems 56.9830 23.8500 2118',
  ] },
  { atvk: '0040000', abbr: 'OGR', active: 9, regionalMain: true, places: [
    'T Ogre Ogres 56.8160 24.6050 5001', 'T Ikšķile Ikšķiles 56.8360 24.4970 5052',
    'T Ķegums Ķeguma 56.7440 24.7190 5020', 'T Lielvārde Lielvārdes 56.7200 24.8100 5070',
    'P Madlienas Madliena 56.8500 25.1000 5045', 'P Ķeipenes Ķeipene 56.8900 25.1800 5032',
    'P Suntažu Suntaži 56.9070 24.9290 5060', 'P Tomes Tome 56.7100 24.6700 5020',
    'P Birzgales Birzgale 56.6300 24.7500 5033',
    'P Lauberes Laubere 56.8800 25.0100 5046', 'P Mazozolu Mazozoli 56.8400 25.2200 5041',
    'P Krapes Krape 56.8000 25.2000 5044', 'P Jumpravas Jumprava 56.6800 24.9800 5022',
  ] },
  { atvk: '0041000', abbr: 'OLA', active: 2, places: [
    'T Olaine Olaines 56.7850 23.9380 2114', 'P Olaines Jaunolaine 56.8100 23.9500 2127',
  ] },
  { atvk: '0042000', abbr: 'PRE', active: 4, places: [
    'T Preiļi Preiļu 56.2940 26.7240 5301', 'P Aglonas Aglona 56.1300 27.0050 5304',
    'P Riebiņu Riebiņi 56.3400 26.8000 5326', 'P Vārkavas Vārkava 56.2400 26.5600 5335',
    'P Pelēču Pelēči 56.3000 26.6000 5310', 'P Galēnu Galēni 56.3700 26.8900 5323',
    'P Stabulnieku Stabulnieki 56.4100 26.8300 5325', 'P Silajāņu Silajāņi 56.3600 26.9700 5329',
  ] },
  { atvk: '0043000', abbr: 'REZ', active: 8, places: [
    'T Viļāni Viļānu 56.5520 26.9260 4650', 'P Maltas Malta 56.3460 27.1680 4630',
    'P Nautrēnu Rogovka 56.7300 27.6500 4652', 'P Kaunatas Kaunata 56.3200 27.5500 4622',
    'P Dricānu Dricāni 56.6200 27.1700 4615', 'P Gaigalavas Gaigalava 56.7300 27.0500 4618',
    'P Lūznavas Lūznava 56.3500 27.2700 4627', 'P Sakstagala Sakstagals 56.5200 27.1800 4639',
    'P Ozolmuižas Ozolmuiža 56.5900 27.0600 4611', 'P Lendžu Lendži 56.4600 27.2000 4625',
    'P Ozolaines Bekši 56.5200 27.3600 4601', 'P Stoļerovas Stoļerova 56.3700 27.3900 4631',
    'P Feimaņu Feimaņi 56.2700 26.9800 4634', 'P Audriņu Audriņi 56.4800 27.4200 4611',
  ] },
  { atvk: '0044000', abbr: 'ROP', active: 3, places: [
    'P Ropažu Ropaži 56.9740 24.6340 2135', 'T Vangaži Vangažu 57.0940 24.5480 2136',
    'P Stopiņu Ulbroka 56.9420 24.2800 2130',
    'P Garkalnes Garkalne 57.0500 24.4100 2137',
  ] },
  { atvk: '0045000', abbr: 'SAL', active: 1, places: [
    'T Salaspils Salaspils 56.8600 24.3500 2169',
    'P Salaspils Acone 56.8800 24.4500 2121',
  ] },
  { atvk: '0046000', abbr: 'SLD', active: 4, regionalMain: true, places: [
    'T Saldus Saldus 56.6650 22.4940 3801', 'T Brocēni Brocēnu 56.6790 22.5630 3851',
    'P Ezeres Ezere 56.4100 22.3700 3846', 'P Kursīšu Kursīši 56.5100 22.4100 3876',
    'P Nīgrandes Nīgrande 56.4600 22.1000 3897', 'P Jaunauces Jaunauce 56.4600 22.6900 3867',
    'P Vadakstes Vadakste 56.4000 22.7600 3866', 'P Zirņu Zirņi 56.6300 22.6100 3806',
  ] },
  { atvk: '0047000', abbr: 'SAU', active: 2, places: [
    'T Saulkrasti Saulkrastu 57.2640 24.4140 2160', 'P Sējas Loja 57.1930 24.6270 2142',
    'P Saulkrastu Zvejniekciems 57.3150 24.4400 2161',
  ] },
  { atvk: '0048000', abbr: 'SIG', active: 6, regionalMain: true, places: [
    'T Sigulda Siguldas 57.1530 24.8530 2150', 'P Mālpils Mālpils 57.0100 24.9500 2152',
    'P Krimuldas Ragana 57.1970 24.7030 2144', 'P Lēdurgas Lēdurga 57.3230 24.7430 4012',
    'P Allažu Allaži 57.1010 24.7900 2154', 'P Mores More 57.0600 25.0800 4108',
  ] },
  { atvk: '0049000', abbr: 'SMI', active: 9, regionalMain: true, places: [
    'T Smiltene Smiltenes 57.4240 25.9010 4729', 'T Ape Apes 57.5390 26.6930 4337',
    'P Raunas Rauna 57.3330 25.6100 4131', 'P Palsmanes Palsmane 57.4600 26.0800 4724',
    'P Gaujienas Gaujiena 57.5180 26.3980 4339', 'P Grundzāles Grundzāle 57.5300 26.0200 4714',
    'P Blomes Blome 57.4000 25.8500 4710', 'P Variņu Variņi 57.3900 25.9600 4720',
    'P Virešu Vidaga 57.5800 26.5200 4346',
    'P Drustu Drusti 57.2500 25.8500 4133', 'P Bilskas Bilska 57.4700 25.7400 4712',
  ] },
  { atvk: '0051000', abbr: 'TAL', active: 6, regionalMain: true, places: [
    'T Talsi Talsu 57.2450 22.5880 3201', 'P Dundagas Dundaga 57.5090 22.3520 3270',
    'T Sabile Sabiles 57.0450 22.5710 3294', 'T Stende Stendes 57.1450 22.5360 3257',
    'T Valdemārpils Valdemārpils 57.3700 22.5900 3260', 'P Rojas Roja 57.5050 22.8010 3264',
    'P Kolkas Kolka 57.7470 22.5890 3275', 'P Mērsraga Mērsrags 57.3350 23.1170 3284',
    'P Vandzenes Vandzene 57.3200 22.7800 3280', 'P Laucienes Lauciene 57.2700 22.7200 3285',
  ] },
  { atvk: '0052000', abbr: 'TUK', active: 9, regionalMain: true, places: [
    'T Tukums Tukuma 56.9680 23.1550 3101', 'T Kandava Kandavas 57.0360 22.7780 3120',
    'P Engures Engure 57.1600 23.2200 3113', 'P Jaunpils Jaunpils 56.7300 23.0200 3145',
    'P Smārdes Smārde 56.9500 23.3100 3129', 'P Irlavas Irlava 56.8600 23.1500 3137',
    'P Lapmežciema Lapmežciems 57.0000 23.5100 3118', 'P Tumes Tume 56.9900 23.0800 3139',
    'P Zantes Zante 56.9000 22.7000 3136',
    'P Slampes Slampe 56.8500 23.2500 3119', 'P Zemītes Zemīte 57.0400 22.6200 3123',
    'P Pūres Pūre 57.0300 22.9100 3124', 'P Matkules Matkule 56.8500 22.7800 3130',
  ] },
  { atvk: '0053000', abbr: 'VAL', active: 3, regionalMain: true, places: [
    'T Valka Valkas 57.7750 26.0210 4701', 'P Ērģemes Ērģeme 57.8000 25.8300 4711',
    'P Vijciema Vijciems 57.6000 25.7900 4712',
    'P Kārķu Kārķi 57.7800 25.6700 4716', 'P Zvārtavas Zvārtava 57.7500 26.2000 4702',
  ] },
  { atvk: '0054000', abbr: 'VLM', active: 11, regionalMain: true, places: [
    'T Valmiera Valmieras 57.5410 25.4270 4201', 'T Mazsalaca Mazsalacas 57.8630 25.0560 4215',
    'T Rūjiena Rūjienas 57.8960 25.3320 4240', 'T Seda Sedas 57.6500 25.7500 4728',
    'T Strenči Strenču 57.6250 25.6890 4730', 'P Burtnieku Burtnieki 57.6960 25.2730 4206',
    'P Kocēnu Kocēni 57.5180 25.3400 4220', 'P Naukšēnu Naukšēni 57.8820 25.4490 4244',
    'P Matīšu Matīši 57.6970 25.1560 4205', 'P Rencēnu Rencēni 57.7400 25.4100 4232',
    'P Trikātas Trikāta 57.5400 25.7100 4731',
    'P Dikļu Dikļi 57.5960 25.1000 4223', 'P Ēveles Ēvele 57.7000 25.8500 4711',
    'P Vilpulkas Vilpulka 57.9700 25.4100 4243', 'P Brenguļu Brenguļi 57.5500 25.5400 4245',
  ] },
];

// Real centres (latvia.md §2c, data.gov.lv `vpvkac-kontakti` 2023-11): short name | address | phone | e-mail.
const REAL = `
Aizkraukles VPVKAC|Lāčplēša iela 1, Aizkraukles pilsēta, Aizkraukles nov., LV-5101|66954880|aizkraukle@pakalpojumucentri.lv
Jaunjelgavas pilsētas VPVKAC|Uzvaras iela 1, Jaunjelgavas pilsēta, Aizkraukles nov., LV-5134|66954888|jaunjelgava@pakalpojumucentri.lv
Alūksnes pilsētas VPVKAC|Dārza iela 11, Alūksnes pilsēta, Alūksnes nov., LV-4301|66954904|aluksne@pakalpojumucentri.lv
Ilūkstes pilsētas VPVKAC|Brīvības iela 7, Ilūkste, Ilūkstes pilsēta, Augšdaugavas nov., LV-5447|66954819|ilukste@pakalpojumucentri.lv
Ādažu VPVKAC|Gaujas iela 33a, Ādaži, Ādažu pag., Ādažu nov., LV-2164|66954800|adazi@pakalpojumucentri.lv
Balvu pilsētas VPVKAC|Partizānu iela 14, Balvu pilsēta, Balvu nov., LV-4501|66954809|balvi@pakalpojumucentri.lv
Bauskas VPVKAC|Uzvaras iela 1, Bauskas pilsēta, Bauskas nov., LV-3901|66954885|bauska@pakalpojumucentri.lv
Cēsu VPVKAC|Raunas iela 4, Cēsu pilsēta, Cēsu nov., LV-4101|66954884|cesis@pakalpojumucentri.lv
Aizputes VPVKAC|Atmodas iela 22, Aizputes pilsēta, Dienvidkurzemes nov., LV-3456|66954862|aizpute@pakalpojumucentri.lv
Grobiņas pilsētas VPVKAC|Lielā iela 54, Grobiņas pilsēta, Dienvidkurzemes nov., LV-3430|66954818|grobina@pakalpojumucentri.lv
Dobeles VPVKAC|Brīvības iela 15, Dobeles pilsēta, Dobeles nov., LV-3701|66954922|dobele@pakalpojumucentri.lv
Gulbenes VPVKAC|Ābeļu iela 2, Gulbenes pilsēta, Gulbenes nov., LV-4401|66954879|gulbene@pakalpojumucentri.lv
Jelgavas VPVKAC|Lielā iela 5/7, Jelgava, Jelgavas nov., LV-3001|66954909|jelgava@pakalpojumucentri.lv
Aknīstes VPVKAC|Skolas iela 7, Aknīstes pilsēta, Jēkabpils nov., LV-5208|66954802|akniste@pakalpojumucentri.lv
Salas VPVKAC|Susējas iela 9, Sala, Salas pag., Jēkabpils nov., LV-5230|66954845|sala@pakalpojumucentri.lv
Dagdas VPVKAC|Alejas iela 4, Dagdas pilsēta, Krāslavas nov., LV-5674|66954815|dagda@pakalpojumucentri.lv
Kuldīgas VPVKAC|Pilsētas laukums 2, Kuldīgas pilsēta, Kuldīgas nov., LV-3301|66954927|kuldiga@pakalpojumucentri.lv
Ķekavas VPVKAC|Gaismas iela 19, k.9-1, Ķekava, Ķekavas pag., Ķekavas nov., LV-2123|66954825|kekava@pakalpojumucentri.lv
Alojas VPVKAC|Jūras iela 13, Alojas pilsēta, Limbažu nov., LV-4064|66954803|aloja@pakalpojumucentri.lv
Līvānu VPVKAC|Rīgas iela 77, Līvānu pilsēta, Līvānu nov., LV-5316|66954906|livani@pakalpojumucentri.lv
Ludzas VPVKAC|Raiņa iela 16, Ludzas pilsēta, Ludzas nov., LV-5701|66954912|ludza@pakalpojumucentri.lv
Cesvaines VPVKAC|Pils iela 1a, Cesvaines pilsēta, Madonas nov., LV-4871|66954813|cesvaine@pakalpojumucentri.lv
Mārupes VPVKAC|Daugavas iela 29, Mārupes pag., Mārupes nov., LV-2167|66954902|marupe@pakalpojumucentri.lv
Ikšķiles VPVKAC|Peldu iela 22, Ikšķiles pilsēta, Ogres nov., LV-5052|66954861|ikskile@pakalpojumucentri.lv
Olaines VPVKAC|Zemgales iela 33, Olaines pilsēta, Olaines nov., LV-2114|66954899|olaine@pakalpojumucentri.lv
Aglonas VPVKAC|Somersētas iela 34, Aglona, Aglonas pag., Preiļu nov., LV-5304|66954801|aglona@pakalpojumucentri.lv
Viļānu VPVKAC|Kultūras laukums 1 A, Viļānu pilsēta, Rēzeknes nov., LV-4650|66954859|vilani@pakalpojumucentri.lv
Ropažu VPVKAC|Sporta iela 1, Ropaži, Ropažu pag., Ropažu nov., LV-2135|66954875|ropazi@pakalpojumucentri.lv
Salaspils VPVKAC|Līvzemes iela 8, Salaspils pilsēta, Salaspils nov., LV-2169|66954846|salaspils@pakalpojumucentri.lv
Brocēnu VPVKAC|Lielcieceres iela 3, Brocēnu pilsēta, Saldus nov., LV-3851|66954811|broceni@pakalpojumucentri.lv
Saulkrastu VPVKAC|Raiņa iela 8, Saulkrastu pilsēta, Saulkrastu nov., LV-2160|66954847|saulkrasti@pakalpojumucentri.lv
Siguldas VPVKAC|Raiņa iela 3, Siguldas pilsēta, Siguldas nov., LV-2150|66954916|sigulda@pakalpojumucentri.lv
Smiltenes VPVKAC|Dārza iela 3, Smiltenes pilsēta, Smiltenes nov., LV-4729|66954850|smiltene@pakalpojumucentri.lv
Dundagas VPVKAC|Pils iela 5-1, Dundaga, Dundagas pag., Talsu nov., LV-3270|66954817|dundaga@pakalpojumucentri.lv
Kandavas VPVKAC|Dārza iela 6, Kandavas pilsēta, Tukuma nov., LV-3120|66954824|kandava@pakalpojumucentri.lv
Valkas VPVKAC|Rīgas iela 25, Valkas pilsēta, Valkas nov., LV-4701|66954878|valka@pakalpojumucentri.lv
Mazsalacas VPVKAC|Pērnavas iela 4, Mazsalacas pilsēta, Valmieras nov., LV-4215|66954867|mazsalaca@pakalpojumucentri.lv
`.trim().split('\n').map((line) => {
  const [shortName, address, phone, email] = line.split('|');
  return { shortName, address, phone, email };
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20261128);
const int = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const chance = (p: number): boolean => rnd() < p;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const randomDate = (fromYear: number, toYear: number, maxMonthInLastYear = 12): string => {
  const year = int(fromYear, toYear);
  const month = int(1, year === toYear ? maxMonthInLastYear : 12);
  return `${year}-${pad(month)}-${pad(int(1, 28))}`;
};
const ASCII: Record<string, string> = { ā: 'a', č: 'c', ē: 'e', ģ: 'g', ī: 'i', ķ: 'k', ļ: 'l', ņ: 'n', š: 's', ū: 'u', ž: 'z' };
const ascii = (s: string): string => s.toLowerCase().replace(/[āčēģīķļņšūž]/g, (ch) => ASCII[ch]).replace(/[^a-z0-9]/g, '');

interface Place {
  type: 'town' | 'parish' | 'village';
  name: string; // nominative of the locality
  parishGen?: string;
  genitive: string; // genitive used in the official name (town, parish or village)
  lat: number;
  lon: number;
  postcode: string;
}

function parsePlace(row: string): Place {
  const f = row.split(' ');
  const coords = (i: number) => ({ lat: Number(f[i]), lon: Number(f[i + 1]), postcode: `LV-${f[i + 2]}` });
  if (f[0] === 'T') return { type: 'town', name: f[1], genitive: f[2], ...coords(3) };
  if (f[0] === 'P') return { type: 'parish', name: f[2], parishGen: f[1], genitive: f[1], ...coords(3) };
  if (f[0] === 'V') return { type: 'village', name: f[2], parishGen: f[1], genitive: f[3], ...coords(4) };
  throw new Error(`bad place row: ${row}`);
}

// ---------------------------------------------------------------------------------------------
// Opening hours
// ---------------------------------------------------------------------------------------------
const iv = (from: string, to: string): TimeInterval => ({ from, to });
const days = (weekdays: number[], intervals: TimeInterval[]): WeeklyHours =>
  Object.fromEntries(weekdays.map((d) => [String(d), intervals]));
const METHODICAL_DAY = { weekday: 3 as const, nth: 2 as const, reasonLv: 'Metodiskā diena', reasonEn: 'Methodical day' };

const GROBINA: OpeningHoursSpec = {
  weekly: {
    '1': [iv('08:30', '12:00'), iv('12:20', '17:00')],
    '2': [iv('08:30', '12:00'), iv('12:30', '19:00')],
    '3': [iv('08:30', '12:00'), iv('12:20', '17:00')],
    '4': [iv('08:30', '12:00'), iv('12:20', '17:00')],
    '5': [iv('08:30', '14:00')],
  },
};
const SALA: OpeningHoursSpec = {
  weekly: { ...days([1, 2, 3, 4], [iv('08:30', '12:00'), iv('13:00', '17:00')]), '5': [iv('08:30', '12:00'), iv('13:00', '16:00')] },
};

const ACTIVE_PATTERNS: (() => OpeningHoursSpec)[] = [
  // 1. Mon–Thu 8:30–17:00 with lunch 12–13, Fri to 16:00 (the Sala pattern)
  () => structuredClone(SALA),
  // 2. lunch 12:00–12:30, Fri to 15:30
  () => ({ weekly: { ...days([1, 2, 3, 4], [iv('08:00', '12:00'), iv('12:30', '17:00')]), '5': [iv('08:00', '12:00'), iv('12:30', '15:30')] } }),
  // 3. a late Monday to 18:00, short Friday
  () => ({
    weekly: {
      '1': [iv('08:00', '12:00'), iv('12:30', '18:00')],
      ...days([2, 3, 4], [iv('08:00', '12:00'), iv('12:30', '17:00')]),
      '5': [iv('08:00', '14:00')],
    },
  }),
  // 4. a late Tuesday to 19:00 (the Grobiņa pattern)
  () => ({
    weekly: {
      ...days([1, 3, 4], [iv('08:30', '12:00'), iv('12:30', '17:00')]),
      '2': [iv('08:30', '12:00'), iv('12:30', '19:00')],
      '5': [iv('08:30', '12:00'), iv('12:30', '16:00')],
    },
  }),
  // 5. summer season with shorter Fridays
  () => ({
    weekly: { ...days([1, 2, 3, 4], [iv('08:30', '12:00'), iv('13:00', '17:00')]), '5': [iv('08:30', '12:00'), iv('13:00', '16:00')] },
    seasons: [{
      name: 'Vasaras darba laiks',
      from: '06-01',
      to: '08-31',
      weekly: { ...days([1, 2, 3, 4], [iv('08:30', '12:00'), iv('13:00', '17:00')]), '5': [iv('08:30', '13:00')] },
    }],
  }),
  // 6. second Wednesday of the month is a methodical day
  () => ({
    weekly: { ...days([1, 2, 3, 4], [iv('08:00', '12:00'), iv('12:30', '17:00')]), '5': [iv('08:00', '12:00'), iv('12:30', '16:00')] },
    monthlyClosedDays: [{ ...METHODICAL_DAY }],
  }),
  // 7. late Thursday to 19:00 and Saturday 10:00–14:00 from September to May
  () => {
    const weekly: WeeklyHours = {
      ...days([1, 2, 3], [iv('08:30', '12:00'), iv('12:30', '17:00')]),
      '4': [iv('08:30', '12:00'), iv('12:30', '19:00')],
      '5': [iv('08:30', '12:00'), iv('12:30', '15:00')],
    };
    return { weekly, seasons: [{ name: 'Ziemas darba laiks (ar sestdienu)', from: '09-01', to: '05-31', weekly: { ...weekly, '6': [iv('10:00', '14:00')] } }] };
  },
];
const PATTERN_WEIGHTS = [5, 4, 3, 2, 2, 2, 1]; // regional centres prefer 3, 4, 7

const PARISH_PATTERNS: (() => OpeningHoursSpec)[] = [
  () => ({ weekly: days([2, 4], [iv('09:00', '12:00'), iv('12:30', '16:00')]) }),
  () => ({ weekly: days([1, 3, 5], [iv('08:30', '12:00'), iv('12:30', '16:30')]) }),
  () => ({ weekly: { '1': [iv('09:00', '12:00'), iv('12:30', '17:00')], '3': [iv('09:00', '13:00')], '5': [iv('09:00', '12:00'), iv('12:30', '15:00')] } }),
  () => ({ weekly: { '2': [iv('10:00', '13:00'), iv('13:30', '18:00')], '4': [iv('08:30', '12:00'), iv('12:30', '16:00')] } }),
];

function weightedPattern(regional: boolean): OpeningHoursSpec {
  if (regional) return ACTIVE_PATTERNS[pick([2, 3, 6, 5, 0])]();
  const total = PATTERN_WEIGHTS.reduce((a, b) => a + b, 0);
  let r = rnd() * total;
  for (let i = 0; i < PATTERN_WEIGHTS.length; i++) {
    r -= PATTERN_WEIGHTS[i];
    if (r < 0) return ACTIVE_PATTERNS[i]();
  }
  return ACTIVE_PATTERNS[0]();
}

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------
const CORE_INSTITUTIONS = new Set(['VSAA', 'VID', 'PMLP', 'NVA', 'VZD']);
interface ServiceRow { code: string; institution_code: string; channels: string }
const servicesPath = join(DATA_DIR, 'services.csv');
const services: ServiceRow[] = existsSync(servicesPath)
  ? (parse(readFileSync(servicesPath, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as ServiceRow[])
  : [];
if (services.length === 0) console.warn('WARNING: data/services.csv missing or empty: centres get no services; re-run the generator later.');
const inPerson = services.filter((s) => s.channels !== 'remote_video');
const coreServices = inPerson.filter((s) => CORE_INSTITUTIONS.has(s.institution_code)).map((s) => s.code);
const otherServices = inPerson.filter((s) => !CORE_INSTITUTIONS.has(s.institution_code)).map((s) => s.code);
const remoteServices = services.filter((s) => s.channels === 'remote_video').map((s) => s.code);

function servicesFor(active: boolean, videoBooths: number): string[] {
  if (!active) {
    const subset = coreServices.filter(() => chance(0.5));
    return subset.length >= 3 || coreServices.length < 3 ? subset : coreServices.slice(0, 3);
  }
  return [...coreServices, ...otherServices.filter(() => chance(0.45)), ...(videoBooths > 0 ? remoteServices : [])];
}

// ---------------------------------------------------------------------------------------------
// Centres
// ---------------------------------------------------------------------------------------------
const TOTAL_ACTIVE = 216;
const PARISH_POINT_STATUSES = { planned: 60, premises_ready: 25, equipped: 14 } as const;
const STREETS = ['Skolas iela', 'Brīvības iela', 'Centra iela', 'Parka iela', 'Rīgas iela', 'Dārza iela', 'Liepu iela', 'Ezera iela', 'Pils iela', 'Dzirnavu iela', 'Saules iela', 'Avotu iela'];
const PHONE_PREFIX: Record<string, string> = { Kurzeme: '63', Zemgale: '63', Vidzeme: '64', Latgale: '65', Rīga: '67' };

const municipalities = parse(readFileSync(join(DATA_DIR, 'municipalities.csv'), 'utf8'), {
  columns: true, bom: true, skip_empty_lines: true, trim: true,
}) as MunicipalityRow[];
const byAtvk = new Map(municipalities.map((m) => [m.atvk, m]));
const withCentres = municipalities.filter((m) => m.has_vpvkac === 'true');
for (const m of withCentres) if (!PLAN.some((p) => p.atvk === m.atvk)) throw new Error(`no plan for ${m.name_lv}`);
if (PLAN.reduce((n, p) => n + p.active, 0) !== TOTAL_ACTIVE) throw new Error(`active total ${PLAN.reduce((n, p) => n + p.active, 0)} != ${TOTAL_ACTIVE}`);
const pointTotal = PLAN.reduce((n, p) => n + p.places.length - p.active, 0);
const wantedPoints = Object.values(PARISH_POINT_STATUSES).reduce((a, b) => a + b, 0);
if (pointTotal !== wantedPoints) throw new Error(`parish points ${pointTotal} != ${wantedPoints}`);

const pointStatuses: CentreSeed['status'][] = Object.entries(PARISH_POINT_STATUSES).flatMap(([s, n]) => Array<CentreSeed['status']>(n).fill(s as CentreSeed['status']));
for (let i = pointStatuses.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [pointStatuses[i], pointStatuses[j]] = [pointStatuses[j], pointStatuses[i]];
}

const realByEmail = new Map(REAL.map((r) => [r.email, r]));
const usedEmails = new Set(REAL.map((r) => r.email));
const usedPhones = new Set(REAL.map((r) => r.phone));
const freeShared: string[] = [];
for (let n = 66954800; n <= 66954999; n++) if (!usedPhones.has(String(n))) freeShared.push(String(n));
const nextPhone = (region: string): string => {
  const shared = freeShared.shift();
  if (shared) return shared;
  for (;;) {
    const candidate = `${PHONE_PREFIX[region] ?? '67'}${pad(int(0, 999999), 6)}`;
    if (!usedPhones.has(candidate) && !candidate.startsWith('669')) return candidate;
  }
};

interface Draft { centre: CentreSeed; place: Place; real: boolean; baseShort: string; qualifiedShort: string; novadsGen: string }
const drafts: Draft[] = [];
const realSeen = new Set<string>();
let pointIndex = 0;

for (const plan of PLAN) {
  const m = byAtvk.get(plan.atvk);
  if (!m || m.has_vpvkac !== 'true') throw new Error(`plan for unknown or excluded municipality ${plan.atvk}`);
  const novadsGen = m.name_lv.replace(/ novads$/, '');
  plan.places.forEach((row, index) => {
    const place = parsePlace(row);
    const isActive = index < plan.active;
    const key = ascii(place.name);
    const real = isActive ? realByEmail.get(`${key}@pakalpojumucentri.lv`) : undefined;
    if (real) realSeen.add(real.email);
    const kind: CentreSeed['kind'] = !isActive ? 'parish_contact_point' : index === 0 ? (plan.regionalMain ? 'regional' : 'county') : 'local';
    const status = isActive ? 'active' : pointStatuses[pointIndex++];

    let email = real?.email ?? `${key}@pakalpojumucentri.lv`;
    if (!real && usedEmails.has(email)) email = `${key}.${plan.abbr.toLowerCase()}@pakalpojumucentri.lv`;
    usedEmails.add(email);

    const unit = place.type === 'town' ? 'pilsētas' : 'pagasta';
    const nameLv = place.type === 'village'
      ? `${novadsGen} novada ${place.parishGen} pagasta ${place.genitive} valsts un pašvaldības vienotais klientu apkalpošanas centrs`
      : `${novadsGen} novada ${place.genitive} ${unit} valsts un pašvaldības vienotais klientu apkalpošanas centrs`;
    const streetNo = `${pick(STREETS)} ${int(1, 40)}${chance(0.1) ? pick(['a', 'b']) : ''}`;
    const address = real?.address ?? (place.type === 'town'
      ? `${streetNo}, ${place.genitive} pilsēta, ${novadsGen} nov., ${place.postcode}`
      : `${streetNo}, ${place.name}, ${place.parishGen} pag., ${novadsGen} nov., ${place.postcode}`);
    const postcode = real ? real.address.slice(-7) : place.postcode;

    const phone = real?.phone ?? ''; // generated numbers are assigned below, active centres first

    const languages = ['lv'];
    if (m.planning_region === 'Latgale' || m.planning_region === 'Rīga' || chance(0.75)) languages.push('ru');
    if (kind === 'regional' || chance(0.12)) languages.push('en');

    let videoBooths = 0;
    if (status === 'active') videoBooths = kind === 'regional' ? (chance(0.4) ? 2 : 1) : chance(0.27) ? 1 : 0;
    else if (status === 'equipped') videoBooths = 1;

    const statusSince = status === 'active'
      ? real ? randomDate(2015, 2017).replace(/^2015-0[1-8]/, '2015-09') : randomDate(2016, 2025)
      : status === 'planned' ? randomDate(2026, 2026, 10) : randomDate(2026, 2026, 10);

    const openingHours = email === 'grobina@pakalpojumucentri.lv' ? structuredClone(GROBINA)
      : email === 'sala@pakalpojumucentri.lv' ? structuredClone(SALA)
      : isActive ? weightedPattern(kind === 'regional') : pick(PARISH_PATTERNS)();

    const centre: CentreSeed = {
      code: `${plan.abbr}-${pad(index + 1, 3)}`,
      nameLv,
      shortName: real?.shortName ?? '',
      kind,
      municipalityAtvk: plan.atvk,
      placeName: place.name,
      placeType: place.type,
      address,
      postcode,
      phone,
      email,
      languages,
      status,
      statusSince,
      generated: !real,
      videoBooths,
      coordinates: { lat: place.lat, lon: place.lon },
      openingHours,
      services: servicesFor(isActive, videoBooths),
    };
    drafts.push({
      centre, place, real: !!real, novadsGen,
      baseShort: `${place.genitive} VPVKAC`,
      qualifiedShort: place.type === 'village' ? `${place.parishGen} pagasta ${place.genitive} VPVKAC` : `${place.genitive} ${unit} VPVKAC`,
    });
  });
}
const missingReal = REAL.filter((r) => !realSeen.has(r.email));
if (missingReal.length) throw new Error(`real rows not placed: ${missingReal.map((r) => r.email).join(', ')}`);

// Short names: "<gen> VPVKAC"; "<gen> pagasta|pilsētas VPVKAC" where ambiguous; real rows keep theirs.
const baseCount = new Map<string, number>();
for (const d of drafts) baseCount.set(d.baseShort, (baseCount.get(d.baseShort) ?? 0) + 1);
const usedShort = new Set(drafts.filter((d) => d.real).map((d) => d.centre.shortName));
for (const d of drafts.filter((x) => !x.real)) {
  let name = (baseCount.get(d.baseShort) ?? 0) > 1 || usedShort.has(d.baseShort) ? d.qualifiedShort : d.baseShort;
  if (usedShort.has(name)) name = `${d.novadsGen} novada ${d.qualifiedShort}`;
  d.centre.shortName = name;
  usedShort.add(name);
}

// Phones: real ones, then the unused 669548xx/669549xx numbers for active centres, then regional landlines.
for (const d of [...drafts.filter((x) => x.centre.status === 'active'), ...drafts.filter((x) => x.centre.status !== 'active')]) {
  if (d.centre.phone) continue;
  d.centre.phone = nextPhone(byAtvk.get(d.centre.municipalityAtvk)!.planning_region);
  usedPhones.add(d.centre.phone);
}

const centres = drafts.map((d) => d.centre);
writeFileSync(join(DATA_DIR, 'centres.json'), `${JSON.stringify(centres, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------
// Cooperation agreements (one per municipality with centres)
// ---------------------------------------------------------------------------------------------
const agreements: AgreementSeed[] = withCentres.map((m, i) => {
  const signedOn = `2024-${pad(int(1, 6))}-${pad(int(1, 28))}`;
  const validFrom = `2024-${pad(Number(signedOn.slice(5, 7)) + 1)}-01`; // first day of the next month
  // Gulbenes and Salaspils agreements run out soon (renewal demo).
  const validTo = m.atvk === '0029000' ? '2026-12-31' : m.atvk === '0045000' ? '2027-02-28' : `${int(2027, 2029)}-12-31`;
  return {
    municipalityAtvk: m.atvk,
    number: `VARAM/2024/${i + 1}`,
    signedOn,
    validFrom,
    validTo,
    coFinancingShare: Math.round((0.3 + rnd() * 0.4) * 100) / 100,
  };
});
writeFileSync(join(DATA_DIR, 'cooperation-agreements.json'), `${JSON.stringify(agreements, null, 2)}\n`);

// Summary
const rows = PLAN.map((p) => {
  const own = centres.filter((c) => c.municipalityAtvk === p.atvk);
  return `${byAtvk.get(p.atvk)!.name_lv.padEnd(24)} active ${String(own.filter((c) => c.status === 'active').length).padStart(2)}  points ${own.filter((c) => c.kind === 'parish_contact_point').length}`;
});
// This is a command-line tool (not run by the app): its report goes to stdout, as seed.ts does.
process.stdout.write(`${rows.join('\n')}\n`);
process.stdout.write(`centres ${centres.length} (active ${centres.filter((c) => c.status === 'active').length}, real ${centres.filter((c) => !c.generated).length}), services ${services.length}, agreements ${agreements.length}\n`);
