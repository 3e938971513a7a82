import { describe, expect, it } from "vitest";
import { Incident } from "../model/incident.js";
import { extractIncidents, extractReport } from "./index.js";

const brief = (i: Incident) =>
  [
    i.kind,
    i.weapon,
    i.region ?? i.water_area ?? i.country,
    i.settlement,
    i.count ?? (i.group_total ? `of ${i.group_total}` : null),
    i.killed,
    i.injured,
  ]
    .map((x) => x ?? "-")
    .join(" ");

describe("extractIncidents", () => {
  it("splits a multi-region day into one incident per region, with strikes placed and attributed", () => {
    const text = [
      "Overnight, more than ten drones were shot down over the Kursk region, while another three drones were intercepted in the Lipetsk region.",
      "In the Tambov region, two drones were destroyed, and four more were downed in the Penza and Saratov regions.",
      "In the Belgorod region, Governor Vyacheslav Gladkov said a drone struck a minibus in the village of Oktyabrsky.",
      "The driver was wounded and taken to hospital.",
      "In the same region, another drone attack damaged a private house in the village of Dubovoye, where a woman was hurt.",
      "In Voronezh Oblast, a drone strike on a railway station caused a fire.",
    ].join("\n");
    const incidents = extractIncidents(text, { published: "2025-05-02" });
    expect(incidents.map(brief)).toEqual([
      "interception drone RU-KRS - 10 - -",
      "interception drone RU-LIP - 3 - -",
      "interception drone RU-TAM - 2 - -",
      "interception drone RU-PNZ - of 4 - -",
      "interception drone RU-SAR - of 4 - -",
      "strike drone RU-BEL Oktyabrsky 1 - 1",
      "strike drone RU-BEL Dubovoe - - 1",
      "strike drone RU-VOR - 1 - -",
    ]);
    const [kursk, , , , , oktyabrsky, dubovoye, voronezh] = incidents;
    expect(kursk.count_qualifier).toBe("more_than");
    expect(kursk.date).toBe("2025-05-02");
    expect(oktyabrsky.official).toBe("Governor Vyacheslav Gladkov");
    expect(oktyabrsky.targets.map((t) => t.type)).toContain("vehicle");
    expect(dubovoye.targets.map((t) => t.type)).toContain("residential");
    expect(voronezh.targets.map((t) => t.type)).toContain("transport");
  });

  it("keeps evidence offsets that point at the stating sentence", () => {
    const text =
      "Air defences were busy.\nRussian air defences shot down 12 drones over the Bryansk region overnight, the Defence Ministry said.";
    const [incident] = extractIncidents(text, { published: "2025-01-10" });
    const [span] = incident.evidence_spans;
    expect(text.slice(span.start, span.end)).toBe(incident.evidence);
    expect(incident.evidence).toMatch(/^Russian air defences shot down 12 drones/);
    expect(incident.official).toBe("Russian Ministry of Defence");
  });

  it("reads a Russian ministry tally with its regional breakdown", () => {
    const text =
      "Дежурные средства ПВО уничтожили 30 украинских беспилотников над территорией России. 12 беспилотников сбиты над Брянской областью, восемь — над Курской областью и десять — над Белгородской областью.";
    const incidents = extractIncidents(text, { published: "2025-04-01" });
    expect(incidents.map(brief)).toEqual([
      "interception drone RU - 30 - -",
      "interception drone RU-BRY - 12 - -",
      "interception drone RU-KRS - 8 - -",
      "interception drone RU-BEL - 10 - -",
    ]);
    expect(incidents[0].region).toBeNull();
  });

  it("reads a Ukrainian report with casualties told after the strike", () => {
    const text = "Вночі 3 квітня російський дрон влучив у приватний будинок у Сумах. Загинули двоє людей, ще п'ятеро поранені.";
    const [incident, ...rest] = extractIncidents(text, { published: "2025-04-03" });
    expect(rest).toEqual([]);
    expect(brief(incident)).toBe("strike drone UA-59 Sumy 1 2 5");
    expect(incident.date).toBe("2025-04-03");
  });

  it("detects the language and handles empty input", () => {
    expect(extractReport("Над Курской областью сбиты два беспилотника.").language).toBe("ru");
    expect(extractReport("Над Сумщиною збито два безпілотники.").language).toBe("uk");
    expect(extractReport("Two drones were shot down over the Kursk region.").language).toBe("en");
    expect(extractIncidents("")).toEqual([]);
    expect(extractIncidents("   \n\n ")).toEqual([]);
  });

  it("returns incidents that satisfy the shared model", () => {
    const text = "Two drones were shot down over the Kursk region overnight, Governor Alexander Khinshtein said.";
    for (const i of extractIncidents(text, { published: "2025-02-01" })) expect(() => Incident.parse(i)).not.toThrow();
  });

  it("rejects a malformed publication date with a clear message", () => {
    expect(() => extractIncidents("text", { published: "21 July" })).toThrow(/published/);
  });

  it("reads a wire report: tallies, a capital approached, casualties placed by the governor", () => {
    const text =
      "Russia's defence ministry said on Tuesday its air defence units had destroyed 300 Ukrainian drones overnight, including 90 over the Moscow region and 120 over the Kursk region. Moscow Mayor Sergei Sobyanin said 70 drones had been shot down as they approached the capital. Two people were killed in the Moscow region, regional governor Andrei Vorobyov said.";
    expect(extractIncidents(text, { published: "2025-03-11" }).map(brief)).toEqual([
      "interception drone RU-MOS - 90 - -",
      "interception drone RU-KRS - 120 - -",
      "interception drone RU - 300 - -",
      "interception drone RU-MOW - 70 - -",
      "strike unknown RU-MOS - - 2 -",
    ]);
  });

  it("does not take launch directions for places, and counts an air force figure for the country", () => {
    const text =
      "У ніч на 5 жовтня противник атакував 60 ударними БпЛА з напрямків Курськ, Міллерово. Станом на 08:30 протиповітряною обороною збито 45 ворожих БпЛА на півночі та сході країни.";
    expect(extractIncidents(text, { published: "2025-10-05" }).map(brief)).toEqual(["interception drone UA - 45 - -"]);
  });

  it("makes a hit with damage an incident even when no weapon is named, and reads ages as ages", () => {
    const text = "Внаслідок нічної атаки на Одесу пошкоджено обʼєкт енергетики. У Куп'янську на Харківщині загинув 67-річний чоловік.";
    expect(extractIncidents(text, { published: "2025-10-05" }).map(brief)).toEqual([
      "strike unknown UA-51 Odesa - - -",
      "strike unknown UA-63 Kupyansk - 1 -",
    ]);
  });

  it("keeps a city's districts in the city, and 'над территорией области' in the region named before", () => {
    const kharkiv =
      "Вночі окупанти атакували Харків ударними безпілотниками. Зафіксовано щонайменше 4 влучання у Немишлянському та Київському районах. Поранено двох людей.";
    expect(extractIncidents(kharkiv, { published: "2025-08-15" }).map(brief)).toEqual(["strike drone UA-63 Kharkiv 4 - 2"]);
    const bryansk =
      "Губернатор Брянской области сообщил, что беспилотник атаковал автомобиль в селе Погар. Кроме того, над территорией области были уничтожены 12 БПЛА.";
    expect(extractIncidents(bryansk, { published: "2025-08-15" }).map(brief)).toEqual([
      "strike drone RU-BRY Pogar 1 - -",
      "interception drone RU-BRY - 12 - -",
    ]);
  });

  it("reads shelling as a strike, places named as the object of an attack, and lists of places", () => {
    const kherson =
      "Протягом доби росіяни обстріляли Херсонщину. Під ударом опинились Херсон, Берислав та Станіслав. Загинула одна людина, ще троє дістали поранення.";
    // Casualties told for the whole list belong to the region, not to its last place (annotation guide, rule 4).
    expect(extractIncidents(kherson, { published: "2025-09-02" }).map(brief)).toEqual([
      "strike unknown UA-65 - - 1 3",
      "strike unknown UA-65 Kherson - - -",
      "strike unknown UA-65 Beryslav - - -",
      "strike unknown UA-65 Stanislav - - -",
    ]);
    expect(extractIncidents("ВСУ обстреляли Шебекино, пострадал мужчина.", { published: "2025-09-02" }).map(brief)).toEqual([
      "strike unknown RU-BEL Shebekino - - 1",
    ]);
    expect(extractIncidents("Дрон атакував Нікополь, загинула жінка.", { published: "2025-09-02" }).map(brief)).toEqual([
      "strike drone UA-12 Nikopol 1 1 -",
    ]);
    // A country is not a village of the same name.
    const national = extractIncidents("Вночі противник атакував Україну 40 ударними БпЛА, збито 31.", { published: "2025-09-02" });
    expect(national.every((i) => i.settlement === null)).toBe(true);
  });

  it("names speakers in the nominative and lets a closing attribution cover the report", () => {
    const ru = "В Воронеже обломки БПЛА упали на территорию предприятия. По словам губернатора Александра Гусева, пострадал один человек.";
    expect(extractIncidents(ru, { published: "2025-09-02" })[0].official).toBe("Governor Aleksandr Gusev");
    const uk =
      "Вночі ворог атакував Дніпропетровщину. Сили ППО збили 12 безпілотників. У Нікопольському районі пошкоджено будинок. Про це повідомив голова Дніпропетровської ОВА Сергій Лисак.";
    const incidents = extractIncidents(uk, { published: "2025-09-02" });
    expect(incidents.length).toBeGreaterThanOrEqual(2);
    for (const i of incidents) expect(i.official).toBe("Serhii Lysak, head of the regional military administration");
  });

  it("knows a short Ukrainian post without Ukrainian letters, and places damage told right after the attack", () => {
    const post = "Зранку ворог скинув КАБ на Куп'янськ. Пошкоджено багатоквартирний будинок, поранено 2 людей.";
    const report = extractReport(post, { published: "2025-08-05" });
    expect(report.language).toBe("uk");
    expect(report.incidents.map(brief)).toEqual(["strike glide_bomb UA-63 Kupyansk - - 2"]);
    const noWeapon = "Зранку ворог атакував Куп'янськ. Пошкоджено багатоквартирний будинок, поранено 2 людей.";
    expect(extractIncidents(noWeapon, { published: "2025-08-05" }).map(brief)).toEqual(["strike unknown UA-63 Kupyansk - - 2"]);
  });

  it("keeps every launched figure out of the counts and gives a national body's tally its country", () => {
    const text =
      "Ukraine's air force said Russia launched 112 drones and 3 Iskander-M ballistic missiles overnight; 89 drones were shot down or jammed.";
    // The missiles, launched and neither downed nor hit, are an attack (annotation guide: "launched" only → attack, per weapon).
    expect(extractIncidents(text, { published: "2025-08-05" }).map(brief)).toEqual([
      "interception drone UA - 89 - -",
      "attack missile UA - - - -",
    ]);
  });

  it("does not take a list of district adjectives for towns, and finds places after 'attacks on'", () => {
    const rostov =
      "Ночью силы ПВО отразили атаку беспилотников на Ростовскую область. Уничтожены 17 БПЛА в Каменском, Миллеровском и Тарасовском районах.";
    expect(extractIncidents(rostov, { published: "2025-08-05" }).map(brief)).toEqual(["interception drone RU-ROS - 17 - -"]);
    const zaporizhzhia = "Governor Ivan Fedorov reported drone attacks on Stepnohirsk and Prymorske in Zaporizhzhia Oblast.";
    expect(extractIncidents(zaporizhzhia, { published: "2025-08-05" }).map((i) => i.settlement)).toEqual(["Stepnohirsk", "Prymorske"]);
  });

  it("dates an event by the day of the statement when that is all the sentence gives", () => {
    const text = "Russian air defences downed a drone approaching Moscow overnight, Mayor Sergei Sobyanin said on Friday.";
    expect(extractIncidents(text, { published: "2025-08-05" })[0].date).toBe("2025-08-01");
    const both = "Drones attacked the Belgorod region on Thursday, the governor said on Friday.";
    expect(extractIncidents(both, { published: "2025-08-05" })[0].date).toBe("2025-07-31");
  });

  it("reads a dateline as the post's place, impacts per oblast, and casualties in a subset clause", () => {
    const odesa =
      "Одесса. Ночью российские дроны атаковали энергетическую инфраструктуру области, возник пожар. Пострадавших нет, сообщил глава ОВА Олег Кипер.";
    expect(extractIncidents(odesa, { published: "2025-11-20" }).map(brief)).toEqual(["strike drone UA-51 - - 0 0"]);
    const airForce = "Air defense shot down 47 drones. Impacts were recorded in Kharkiv, Sumy and Odesa oblasts.";
    expect(
      extractIncidents(airForce, { published: "2025-11-20" })
        .filter((i) => i.kind === "strike")
        .map((i) => i.region),
    ).toEqual(["UA-63", "UA-59", "UA-51"]);
    const ternopil = "Russian drones struck Ternopil, killing 19 people, including three children, and injuring 64.";
    expect(extractIncidents(ternopil, { published: "2025-11-20" }).map(brief)).toEqual(["strike drone UA-61 Ternopil - 19 64"]);
    const kyiv = "Ворог атакував Київ ракетами. Є загиблий та четверо поранених.";
    expect(extractIncidents(kyiv, { published: "2025-11-20" }).map(brief)).toEqual(["strike missile UA-30 Kyiv - 1 4"]);
  });

  it("keeps a city named beside a district, and a national body's figures in the sentence after it", () => {
    const taganrog =
      "Над Таганрогом и Азовским районом сбиты четыре беспилотника. В Таганроге повреждены окна в квартирах, пострадала женщина, сообщил губернатор Юрий Слюсарь.";
    expect(extractIncidents(taganrog, { published: "2025-09-28" }).map(brief)).toEqual([
      "interception drone RU-ROS Taganrog 4 - -",
      "strike drone RU-ROS Taganrog - - 1",
    ]);
    const wire = [
      "Russia launched a massive drone and missile attack on Kyiv overnight, killing at least four people, officials said.",
      "Ukraine's air force said Russia had launched 595 drones and 48 missiles in total across the country.",
      "Air defences shot down 568 drones and 43 missiles.",
    ].join(" ");
    expect(extractIncidents(wire, { published: "2025-09-28" }).map(brief)).toEqual([
      "strike missile UA-30 Kyiv - 4 -",
      "interception drone UA - 568 - -",
      "interception missile UA - 43 - -",
    ]);
  });

  it("adds the strike of a downed drone's debris, finds towns with a fleeting vowel, and reads signed statements", () => {
    const yelets =
      "В Липецкой области объявлена беспилотная опасность. Позже губернатор Игорь Артамонов сообщил, что над Ельцом сбиты два БПЛА, обломки повредили крышу частного дома.";
    expect(extractIncidents(yelets, { published: "2025-10-04" }).map(brief)).toEqual([
      "interception drone RU-LIP Elets 2 - -",
      "strike drone RU-LIP Elets - - -",
    ]);
    const refinery =
      "Two drones were destroyed over the Krasnodar Krai, one of them fell on the territory of the Afipsky oil refinery, causing a fire.";
    expect(extractIncidents(refinery, { published: "2025-10-04" }).map(brief)).toEqual([
      "interception drone RU-KDA - 2 - -",
      "strike drone RU-KDA - - - -",
    ]);
    const signed =
      "Внаслідок нічної атаки дронів на Полтавщину пошкоджено об'єкт газовидобування. Загиблих та постраждалих немає, — Володимир Когут.";
    expect(extractIncidents(signed, { published: "2025-10-04" })[0].official).toBe("Volodymyr Kohut");
    const city = "Ракетний удар по Кривому Рогу: загинули 9 людей, повідомив начальник міської військової адміністрації Олександр Вілкул.";
    const [strike] = extractIncidents(city, { published: "2025-10-04" });
    expect(strike.official).toBe("Oleksandr Vilkul, head of the city military administration");
    expect(strike.targets).toEqual([]);
  });

  it("prefers a town's exact name to a case form of a village's, and drops the governed city from a governor's name", () => {
    const text =
      "В результате атаки беспилотников на Новороссийск повреждены жилые дома, ранены пять человек, сообщил мэр города Андрей Кравченко.";
    expect(extractIncidents(text, { published: "2025-08-12" }).map(brief)).toEqual(["strike drone RU-KDA Novorossiysk - - 5"]);
    const sevastopol = "Губернатор Севастополя Михаил Развожаев сообщил, что минувшей ночью над морем сбиты семь беспилотников.";
    expect(extractIncidents(sevastopol, { published: "2025-08-12" })[0].official).toBe("Governor Mikhail Razvozhaev");
  });

  it("reads a news agency's ministry report and a casualty clause that goes on after a comma", () => {
    const tass =
      "МОСКВА, 14 сентября. /ТАСС/. Средства ПВО уничтожили 40 беспилотников, сообщили в Министерстве обороны РФ. По данным ведомства, 26 беспилотников были уничтожены над Брянской областью, 14 - над Смоленской областью.";
    const incidents = extractIncidents(tass, { published: "2025-09-14" });
    expect(incidents.map(brief)).toEqual([
      "interception drone RU - 40 - -",
      "interception drone RU-BRY - 26 - -",
      "interception drone RU-SMO - 14 - -",
    ]);
    expect(incidents.every((i) => i.official === "Russian Ministry of Defence")).toBe(true);
    const belgorod =
      "Один мирный житель погиб, еще двое получили ранения в результате удара ВСУ по поселку Томаровка Белгородской области.";
    expect(extractIncidents(belgorod, { published: "2025-10-03" }).map(brief)).toEqual(["strike unknown RU-BEL Tomarovka - 1 2"]);
    const samara = "Ukraine's military said it had struck an oil refinery in Russia's Samara region overnight, causing a fire.";
    expect(extractIncidents(samara, { published: "2025-10-06" })[0].targets.map((t) => t.type)).not.toContain("military");
  });

  it("gives casualties and damage to the place of their own clause", () => {
    const text =
      "Governor Serhii Lysak said Russian drones attacked the Dnipropetrovsk region. A 70-year-old man was injured in Marhanets, and a private house and a gas pipeline were damaged in Nikopol.";
    const incidents = extractIncidents(text, { published: "2025-10-08" });
    const marhanets = incidents.find((i) => i.settlement === "Marhanets");
    const nikopol = incidents.find((i) => i.settlement === "Nikopol");
    expect(marhanets?.injured).toBe(1);
    expect(marhanets?.targets).toEqual([]);
    expect(nikopol?.injured).toBeNull();
    expect(nikopol?.targets.map((t) => t.type)).toEqual(["residential", "energy"]);
  });

  it("calls a city's head its mayor", () => {
    const text = "Унаслідок атаки шахедів на Львів пошкоджено об'єкт критичної інфраструктури, повідомив міський голова Андрій Садовий.";
    expect(extractIncidents(text, { published: "2025-10-09" })[0].official).toBe("Mayor Andrii Sadovyi");
  });

  it("reads 'знешкодили' as a downing in an air force tally", () => {
    const text = "Вночі росіяни атакували Україну 7 ракетами та 93 дронами. Сили ППО знешкодили 5 ракет і 70 дронів.";
    expect(extractIncidents(text, { published: "2025-10-18" }).map(brief)).toEqual([
      "interception missile UA - 5 - -",
      "interception drone UA - 70 - -",
    ]);
  });

  it("calls the head of a Russian region its governor", () => {
    const text = "Глава Тульской области Дмитрий Миляев сообщил, что над регионом уничтожены два беспилотника.";
    expect(extractIncidents(text, { published: "2025-10-20" })[0].official).toBe("Governor Dmitry Milyaev");
  });

  it("gives a casualty figure told without its verb to the place it names, and 'four more residents' to the injured", () => {
    const text =
      "Russian shelling killed two people in Kostiantynivka and one in Druzhkivka on Tuesday, Donetsk Oblast Governor Vadym Filashkin said. Four more residents were injured in Kramatorsk.";
    expect(extractIncidents(text, { published: "2026-11-13" }).map(brief)).toEqual([
      "strike artillery UA-14 Kostyantynivka - 2 -",
      "strike artillery UA-14 Druzhkivka - 1 -",
      "strike artillery UA-14 Kramatorsk - - 4",
    ]);
    const ru =
      "Вечером беспилотник атаковал автомобиль в селе Муром Шебекинского округа. Пострадали водитель и двое пассажиров, сообщил губернатор Вячеслав Гладков.";
    expect(extractIncidents(ru, { published: "2026-11-13" }).map(brief)).toEqual(["strike drone RU-BEL Murom 1 - 3"]);
  });

  it("reads hits counted by the air force as a country tally, and 'the capital' as Kyiv or Moscow when the text says which", () => {
    const airForce = [
      "У ніч на 14 листопада противник атакував Україну 89 ударними БпЛА.",
      "Протиповітряною обороною збито 72 ворожі БпЛА на півночі та сході країни.",
      "Зафіксовано влучання 17 ударних БпЛА на 8 локаціях.",
    ].join(" ");
    expect(extractIncidents(airForce, { published: "2026-11-14" }).map(brief)).toEqual([
      "interception drone UA - 72 - -",
      "strike drone UA - 17 - -",
    ]);
    const kyiv = "Унаслідок атаки у Дарницькому районі столиці загинули двоє людей, ще 7 поранені.";
    expect(extractIncidents(kyiv, { published: "2026-11-14" }).map(brief)).toEqual(["strike unknown UA-30 Kyiv - 2 7"]);
    const wire =
      "Russia launched a combined missile and drone attack on the Ukrainian capital overnight, injuring three people, the mayor said.";
    const [hit] = extractIncidents(wire, { published: "2026-11-14" });
    expect(brief(hit)).toBe("strike missile UA-30 Kyiv - - 3");
    expect(hit.targets).toEqual([]);
    const moscow = "Мэр Сергей Собянин сообщил, что силы ПВО сбили три беспилотника, летевших на столицу России.";
    expect(extractIncidents(moscow, { published: "2026-11-14" }).map(brief)).toEqual(["interception drone RU-MOW - 3 - -"]);
  });

  it("lets 'nobody was hurt' after a statement cover all of its incidents", () => {
    const text =
      "Ukrainian drones attacked the town of Novoshakhtinsk in Russia's Rostov region overnight, damaging a residential building, regional governor Yuri Slyusar said. Two other drones were destroyed over the region, he added. Nobody was hurt.";
    expect(extractIncidents(text, { published: "2026-11-14" }).map(brief)).toEqual([
      "strike drone RU-ROS Novoshakhtinsk - 0 0",
      "interception drone RU-ROS - 2 0 0",
    ]);
  });

  it("keeps a town followed by a comma and the governor who spoke", () => {
    const text = "In the western Lviv region, a missile struck an energy facility in the town of Stryi, Governor Maksym Kozytskyi said.";
    const [hit] = extractIncidents(text, { published: "2026-11-14" });
    expect(brief(hit)).toBe("strike missile UA-46 Stryi 1 - -");
    expect(hit.official).toBe("Governor Maksym Kozytskyi");
  });

  it("gives a figure for a whole oblast to the oblast, not to the towns listed after 'зокрема'", () => {
    const text = [
      "Обстановка в Херсонській області за минулу добу.",
      "Ворог завдав 412 ударів по 43 населених пунктах області, зокрема по Херсону, Білозерці та Бериславу.",
      "Внаслідок російської агресії загинули 2 людини, ще 14 людей дістали поранень.",
    ].join(" ");
    expect(extractIncidents(text, { published: "2026-11-14" }).map(brief)).toEqual([
      "strike unknown UA-65 Kherson - - -",
      "strike unknown UA-65 Bilozerka - - -",
      "strike unknown UA-65 Beryslav - - -",
      "strike unknown UA-65 - 412 2 14",
    ]);
  });

  it("adds the strike of debris told after a downing, and does not take a first name for a city", () => {
    const text =
      "Сили ППО збили над Київщиною 15 дронів. Уламки пошкодили два приватні будинки, постраждалих немає, повідомив голова ОВА Микола Калашник.";
    const incidents = extractIncidents(text, { published: "2026-11-14" });
    expect(incidents.map(brief)).toEqual(["interception drone UA-32 - 15 0 0", "strike drone UA-32 - - 0 0"]);
    // "Микола" is not Mykolaiv: the official's region stays the one the report is about.
    expect(incidents.every((i) => i.official === "Mykola Kalashnyk, head of the regional military administration")).toBe(true);
  });

  it("places damage in the town attacked the sentence before, and calls the head of a city its mayor", () => {
    const text =
      "Сегодня утром ВСУ атаковали Горловку. В результате удара дрона по остановке общественного транспорта погибла женщина, сообщил глава города Иван Приходько.";
    const [hit] = extractIncidents(text, { published: "2026-11-14" });
    expect(brief(hit)).toBe("strike drone UA-14 Horlivka - 1 -");
    expect(hit.official).toBe("Mayor Ivan Prikhodko");
    expect(hit.targets.map((t) => t.type)).toEqual(["transport"]);
  });

  it("reads 'під обстріл потрапив Нікополь' as a strike on the town the day before", () => {
    const text = [
      "У ніч на 12 листопада окупанти атакували Одесу ударними дронами.",
      "Вдень 12 листопада ворог завдав удару КАБами по Запоріжжю, загинула людина.",
      "Напередодні ввечері під обстріл потрапив Нікополь.",
    ].join(" ");
    const incidents = extractIncidents(text, { published: "2026-11-12" });
    expect(incidents.map(brief)).toEqual([
      "attack drone UA-51 Odesa - - -",
      "strike glide_bomb UA-23 Zaporizhzhia - 1 -",
      "strike unknown UA-12 Nikopol - - -",
    ]);
    expect(incidents[2].date).toBe("2026-11-11");
  });

  it("does not take a region's name for a shed ('сара*' is not 'Саратовской')", () => {
    const text = "Губернатор Саратовской области Роман Бусаргин заявил, что беспилотники атаковали промышленное предприятие.";
    expect(extractIncidents(text, { published: "2026-11-12" })[0].targets).toEqual([
      { type: "industrial", text: "промышленное предприятие" },
    ]);
  });

  it("gives the killed and the injured of one sentence each to the place of its clause", () => {
    const text =
      "Russian drones struck Bilopillia and Krasnopillia overnight, the regional military administration reported. One person was killed in Bilopillia and two were injured in Krasnopillia.";
    expect(extractIncidents(text, { published: "2026-11-12" }).map(brief)).toEqual([
      "strike drone UA-59 Bilopillia - 1 -",
      "strike drone UA-59 Krasnopillya - - 2",
    ]);
  });

  it("names an acting governor as such and a regional operational headquarters as the source", () => {
    const acting =
      "Врио губернатора Курской области Александр Хинштейн сообщил, что в результате атаки дрона на автомобиль в Рыльске погиб мужчина.";
    expect(extractIncidents(acting, { published: "2026-11-12" })[0].official).toBe("Acting Governor Aleksandr Khinshteyn");
    const hq =
      "По данным оперштаба Белгородской области, за прошедшие сутки ВСУ атаковали регион 48 беспилотниками. Пострадали трое мирных жителей.";
    const [strike] = extractIncidents(hq, { published: "2026-11-12" });
    expect(brief(strike)).toBe("strike drone RU-BEL - 48 - 3");
    expect(strike.official).toBe("Regional operational headquarters");
  });

  it("reads 'Grayvoron, Belgorod region' as one place, the town in its region", () => {
    const text = "On Monday evening, a drone hit a car in Grayvoron, Belgorod region.";
    expect(extractIncidents(text, { published: "2026-11-14" }).map(brief)).toEqual(["strike drone RU-BEL Grayvoron 1 - -"]);
  });

  it("finds the town before 'oil refinery' after 'struck the', and takes the weapon a later sentence names", () => {
    const text =
      "Ukraine's military said on Wednesday it had struck the Novoshakhtinsk oil refinery in Russia's Rostov region overnight, causing a fire. The regional governor said on Telegram that a drone attack had sparked a fire at an industrial site and that no one was injured.";
    const [hit] = extractIncidents(text, { published: "2026-11-12" });
    expect(brief(hit)).toBe("strike drone RU-ROS Novoshakhtinsk - 0 0");
    expect(hit.date).toBe("2026-11-11");
  });

  it("places a hromada at its centre, and counts 'N рази' as the region's figure", () => {
    const text = [
      "Протягом дня ворог 23 рази обстріляв прикордонні громади Сумщини.",
      "У Великописарівській громаді внаслідок удару FPV-дрона поранено чоловіка.",
      "У Хотінській громаді скинули вибухівку з дрона, пошкоджено господарчу будівлю.",
    ].join(" ");
    const incidents = extractIncidents(text, { published: "2026-11-12" });
    expect(incidents.map(brief)).toEqual([
      "strike unknown UA-59 - 23 - -",
      // («удару FPV-дрона»: one drone, guide: a singular munition → 1.)
      "strike drone UA-59 Velyka Pysarivka 1 - 1",
      "strike drone UA-59 Khotin 1 - -",
    ]);
    expect(incidents[2].targets).toEqual([{ type: "other", text: "господарчу будівлю" }]);
  });

  it("finds the town in 'a residential area of X', and takes 'Donetsk regional' for the region's office, not the city", () => {
    const text =
      "A guided aerial bomb hit a residential area of Kostiantynivka, killing three civilians, the Donetsk regional prosecutor's office said.";
    const [hit] = extractIncidents(text, { published: "2026-11-14" });
    expect(brief(hit)).toBe("strike glide_bomb UA-14 Kostyantynivka 1 3 -");
    expect(hit.targets.map((t) => t.text)).toEqual(["a residential area"]);
  });

  it("makes a hit on a country with no region named a country-level strike", () => {
    const ua =
      "Russia struck Ukraine's power grid overnight with missiles and drones, damaging energy facilities and injuring three workers, officials said.";
    expect(extractIncidents(ua, { published: "2026-11-14" }).map(brief)).toEqual(["strike missile UA - - - 3"]);
    const ru = "Ukrainian drones hit two oil depots in southern Russia overnight, causing fires.";
    expect(extractIncidents(ru, { published: "2026-11-14" }).map(brief)).toEqual(["strike drone RU - - - -"]);
    // Launches are an attack on the country, not hits (annotation guide); background is nothing.
    expect(
      extractIncidents("Russia launched 80 drones at Ukraine overnight, the air force said.", { published: "2026-11-14" }).map(brief),
    ).toEqual(["attack drone UA - - - -"]);
    expect(extractIncidents("Russia has been attacking Ukraine's cities for years.", { published: "2026-11-14" })).toEqual([]);
  });

  it("reads a roundup: a country-wide toll of no governor, and 'one each in A and B'", () => {
    const text = [
      "Russian attacks across Ukraine over the past day killed at least seven people and injured 29 others, regional authorities reported.",
      "In Donetsk Oblast, Russian attacks killed four people, Governor Vadym Filashkin said.",
      "Two people were killed in Pokrovsk, and one each in Kostiantynivka and Siversk.",
    ].join(" ");
    const incidents = extractIncidents(text, { published: "2026-11-13" });
    expect(incidents.map(brief)).toEqual([
      "strike unknown UA - - 7 29",
      "strike unknown UA-14 - - 4 -",
      "strike unknown UA-14 Pokrovsk - 2 -",
      "strike unknown UA-14 Kostyantynivka - 1 -",
      "strike unknown UA-14 Siversk - 1 -",
    ]);
    expect(incidents[0].official).toBeNull();
  });

  it("reads 'Kharkiv Oblast's Kupiansk' as the town in its oblast", () => {
    const text = "A Russian drone struck a car in Kharkiv Oblast's Kupiansk, injuring a man.";
    expect(extractIncidents(text, { published: "2026-11-14" }).map(brief)).toEqual(["strike drone UA-63 Kupyansk 1 - 1"]);
  });

  it("reads a Ukrainian report of a Russian city in the locative with г→з ('в Таганрозі')", () => {
    const text = "У Росії вибухи пролунали в Таганрозі, пошкоджено авіазавод.";
    const [hit] = extractIncidents(text, { published: "2026-11-14" });
    expect(brief(hit)).toBe("strike unknown RU-ROS Taganrog - - -");
    expect(hit.targets).toEqual([{ type: "industrial", text: "авіазавод" }]);
  });

  it("leaves the country of a total over Russian regions, Crimea and a sea open, and reads 'Курской АЭС' as the region's", () => {
    const tally =
      "Минобороны России: ночью перехвачены и уничтожены 40 украинских беспилотников: 28 – над территорией Брянской области, 7 – над акваторией Черного моря, 5 – над территорией Республики Крым.";
    const incidents = extractIncidents(tally, { published: "2026-11-12" });
    expect(incidents.map(brief)).toContain("interception drone - - 40 - -");
    const plant =
      "Ночью ВСУ атаковали Курчатов: беспилотники пытались поразить объекты Курской АЭС. Один дрон упал на территории промзоны, повреждено здание склада.";
    expect(extractIncidents(plant, { published: "2026-11-12" }).map(brief)).toEqual(["strike drone RU-KRS Kurchatov 1 - -"]);
  });

  it("gives casualties told after a city's strike to that strike, and reads 'главы ОВА' and 'two port workers'", () => {
    const text =
      "Russian forces launched a missile strike on Odesa, damaging port infrastructure and a grain terminal. Two port workers were killed and four injured, Odesa Oblast Governor Oleh Kiper said.";
    const [hit, ...rest] = extractIncidents(text, { published: "2026-11-13" });
    expect(rest).toEqual([]);
    expect(brief(hit)).toBe("strike missile UA-51 Odesa - 2 4");
    expect(hit.targets.map((t) => t.text)).toEqual(["port infrastructure", "a grain terminal"]);
    const ru = "Вечером российские войска нанесли удар авиабомбами по Запорожью. По данным главы ОВА Ивана Федорова, ранены семь человек.";
    expect(extractIncidents(ru, { published: "2026-11-13" })[0].official).toBe(
      "Ivan Fedorov, head of the regional military administration",
    );
  });

  it("reads a post that lists places as headings of its items", () => {
    const text = [
      "🔴 Харківщина: наслідки ворожих обстрілів за добу",
      "",
      "▪️Куп'янськ. Внаслідок удару КАБ поранено 2 чоловіків.",
      "▪️Ізюм. Дрон атакував приватний будинок, постраждала жінка 71 року.",
    ].join("\n");
    expect(extractIncidents(text, { published: "2026-11-13" }).map(brief)).toEqual([
      "strike glide_bomb UA-63 Kupyansk - - 2",
      "strike drone UA-63 Izyum 1 - 1",
    ]);
  });

  it("puts drones downed 'over the region' in the region, not in its capital named before", () => {
    const text =
      "A Ukrainian drone struck a residential building in the city of Voronezh, injuring two people, Governor Alexander Gusev said. He added that 12 drones were destroyed over the region.";
    expect(extractIncidents(text, { published: "2026-11-14" }).map(brief)).toEqual([
      "strike drone RU-VOR Voronezh 1 - 2",
      "interception drone RU-VOR - 12 - -",
    ]);
  });

  it("makes places named as what was attacked incidents even without a weapon, but not a bare mention of attacks", () => {
    const listed = "Ворог атакував Херсон, Антонівку та Білозерку.";
    expect(extractIncidents(listed, { published: "2026-11-14" }).map((i) => i.settlement)).toEqual(["Kherson", "Antonivka", "Bilozerka"]);
    expect(extractIncidents("The attacks did not stop at Belgorod.", { published: "2026-11-14" })).toEqual([]);
  });
});
