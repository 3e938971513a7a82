// Names the map draws besides the regions: cities, seas, and the Russian and Ukrainian names of
// the city regions the gazetteer only names in English. Data, not logic: a city or sea is one line.
import type { Lang } from "../i18n";

export type Names = Record<Lang, string>;

/** Regions whose ru/uk names the API may lack (it falls back to English for them). */
export const REGION_NAMES: Record<string, Names> = {
  "RU-MOW": { en: "Moscow", ru: "Москва", uk: "Москва" },
  "RU-SPE": { en: "Saint Petersburg", ru: "Санкт-Петербург", uk: "Санкт-Петербург" },
  "UA-30": { en: "Kyiv", ru: "Киев", uk: "Київ" },
  "UA-40": { en: "Sevastopol", ru: "Севастополь", uk: "Севастополь" },
};

/** Regions that are one city: drawn as a dot at small scales, where their polygon is a speck. */
export const CITY_REGIONS = new Set(Object.keys(REGION_NAMES));

export interface City {
  names: Names;
  at: [number, number];
  /** 1: capitals and cities of a million, shown first; 2: regional centres. */
  rank: 1 | 2;
}

const city = (en: string, ru: string, uk: string, lon: number, lat: number, rank: 1 | 2 = 2): City => ({
  names: { en, ru, uk },
  at: [lon, lat],
  rank,
});

export const CITIES: City[] = [
  city("Moscow", "Москва", "Москва", 37.618, 55.751, 1),
  city("Kyiv", "Киев", "Київ", 30.524, 50.45, 1),
  city("Saint Petersburg", "Санкт-Петербург", "Санкт-Петербург", 30.315, 59.939, 1),
  city("Kharkiv", "Харьков", "Харків", 36.23, 49.994, 1),
  city("Odesa", "Одесса", "Одеса", 30.733, 46.482, 1),
  city("Dnipro", "Днепр", "Дніпро", 35.046, 48.465, 1),
  city("Rostov-on-Don", "Ростов-на-Дону", "Ростов-на-Дону", 39.72, 47.222, 1),
  city("Voronezh", "Воронеж", "Воронеж", 39.2, 51.672, 1),
  city("Lviv", "Львов", "Львів", 24.023, 49.84),
  city("Zaporizhzhia", "Запорожье", "Запоріжжя", 35.139, 47.838),
  city("Donetsk", "Донецк", "Донецьк", 37.802, 48.023),
  city("Luhansk", "Луганск", "Луганськ", 39.307, 48.574),
  city("Mykolaiv", "Николаев", "Миколаїв", 31.995, 46.975),
  city("Kherson", "Херсон", "Херсон", 32.617, 46.636),
  city("Sumy", "Сумы", "Суми", 34.8, 50.907),
  city("Chernihiv", "Чернигов", "Чернігів", 31.29, 51.505),
  city("Poltava", "Полтава", "Полтава", 34.551, 49.589),
  city("Vinnytsia", "Винница", "Вінниця", 28.468, 49.233),
  city("Zhytomyr", "Житомир", "Житомир", 28.658, 50.254),
  city("Kropyvnytskyi", "Кропивницкий", "Кропивницький", 32.262, 48.508),
  city("Cherkasy", "Черкассы", "Черкаси", 32.062, 49.444),
  city("Simferopol", "Симферополь", "Сімферополь", 34.1, 44.952),
  city("Sevastopol", "Севастополь", "Севастополь", 33.525, 44.6),
  city("Mariupol", "Мариуполь", "Маріуполь", 37.55, 47.097),
  city("Belgorod", "Белгород", "Бєлгород", 36.587, 50.595),
  city("Kursk", "Курск", "Курськ", 36.193, 51.73),
  city("Bryansk", "Брянск", "Брянськ", 34.364, 53.243),
  city("Oryol", "Орёл", "Орел", 36.063, 52.967),
  city("Smolensk", "Смоленск", "Смоленськ", 32.045, 54.782),
  city("Kaluga", "Калуга", "Калуга", 36.261, 54.513),
  city("Tula", "Тула", "Тула", 37.617, 54.193),
  city("Lipetsk", "Липецк", "Липецьк", 39.57, 52.608),
  city("Tambov", "Тамбов", "Тамбов", 41.452, 52.721),
  city("Ryazan", "Рязань", "Рязань", 39.74, 54.629),
  city("Krasnodar", "Краснодар", "Краснодар", 38.976, 45.035),
  city("Novorossiysk", "Новороссийск", "Новоросійськ", 37.77, 44.723),
  city("Volgograd", "Волгоград", "Волгоград", 44.516, 48.708),
  city("Saratov", "Саратов", "Саратов", 46.034, 51.533),
  city("Samara", "Самара", "Самара", 50.15, 53.195),
  city("Kazan", "Казань", "Казань", 49.106, 55.796),
  city("Nizhny Novgorod", "Нижний Новгород", "Нижній Новгород", 44.002, 56.327),
  city("Yaroslavl", "Ярославль", "Ярославль", 39.874, 57.626),
  city("Tver", "Тверь", "Твер", 35.9, 56.859),
  city("Pskov", "Псков", "Псков", 28.332, 57.819),
  city("Kaliningrad", "Калининград", "Калінінград", 20.511, 54.71),
  city("Minsk", "Минск", "Мінськ", 27.567, 53.9),
  city("Chisinau", "Кишинёв", "Кишинів", 28.863, 47.011),
  city("Warsaw", "Варшава", "Варшава", 21.012, 52.23),
  city("Vilnius", "Вильнюс", "Вільнюс", 25.28, 54.687),
  city("Riga", "Рига", "Рига", 24.106, 56.946),
];

export interface Sea {
  names: Names;
  at: [number, number];
}

export const SEAS: Sea[] = [
  { names: { en: "Black Sea", ru: "Чёрное море", uk: "Чорне море" }, at: [33.2, 43.7] },
  { names: { en: "Sea of Azov", ru: "Азовское море", uk: "Азовське море" }, at: [36.6, 46.05] },
  { names: { en: "Caspian Sea", ru: "Каспийское море", uk: "Каспійське море" }, at: [50.6, 42.3] },
  { names: { en: "Baltic Sea", ru: "Балтийское море", uk: "Балтійське море" }, at: [19.2, 56.6] },
  { names: { en: "White Sea", ru: "Белое море", uk: "Біле море" }, at: [38.5, 65.6] },
  { names: { en: "Barents Sea", ru: "Баренцево море", uk: "Баренцове море" }, at: [42, 71.5] },
  { names: { en: "Kara Sea", ru: "Карское море", uk: "Карське море" }, at: [70, 74.5] },
];

/** A sea's name in `lang` from its English name (as the API sends a water area); the English one if unknown. */
export const seaName = (english: string, lang: Lang) => SEAS.find((s) => s.names.en === english)?.names[lang] ?? english;

/** A city's name in `lang` from its English name, when the table has it. */
export const cityName = (english: string, lang: Lang): string | null => CITIES.find((c) => c.names.en === english)?.names[lang] ?? null;

/**
 * A region's name as the map writes it, without the generic word ("Kharkiv Oblast" → "Kharkiv",
 * "Белгородская область" → "Белгородская", "Республика Татарстан" → "Татарстан"): region names
 * are set in capitals, so they are not taken for the city of the same name.
 */
export function shortRegionName(name: string): string {
  const short = name
    .replace(/^(Autonomous Republic of|Republic of|Автономна Республіка|Республика|Республіка)\s+/u, "")
    .replace(
      /\s+(Oblast|Krai|Republic|Autonomous Okrug|Autonomous Oblast|область|край|автономный округ|автономна область|автономная область|автономний округ)$/u,
      "",
    );
  return short || name;
}
