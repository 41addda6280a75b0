/**
 * Table figures of the full corpus reports 02–04 (../shared/corpus), as printed: table 三 rows in
 * print order (7 values each), table 四 as its one line of 15 values, and section 二 by
 * `row.column`. Figures only; the prose is read from the corpus files when they are present.
 */

/** The printed tables of one corpus report. */
export interface CorpusTables {
  file: string;
  requests: readonly (readonly number[])[];
  appeals: readonly number[];
  active: Readonly<Record<string, number>>;
}

/** 淮安市人民政府 2024 (corpus 02): full 2021 table 三 (25 rows). */
export const HUAIAN_2024: CorpusTables = {
  file: '02_huaian_city_2024.txt',
  requests: [
    [3001, 53, 0, 0, 61, 4, 3119],
    [34, 0, 0, 0, 0, 0, 34],
    [1288, 21, 0, 0, 50, 3, 1362],
    [447, 7, 0, 0, 0, 0, 454],
    [2, 0, 0, 0, 0, 0, 2],
    [30, 1, 0, 0, 0, 0, 31],
    [5, 0, 0, 0, 0, 0, 5],
    [6, 0, 0, 0, 0, 0, 6],
    [7, 1, 0, 0, 0, 0, 8],
    [12, 0, 0, 0, 0, 0, 12],
    [9, 0, 0, 0, 0, 0, 9],
    [105, 0, 0, 0, 0, 0, 105],
    [746, 12, 0, 0, 10, 1, 769],
    [11, 0, 0, 0, 0, 0, 11],
    [1, 0, 0, 0, 0, 0, 1],
    [56, 6, 0, 0, 0, 0, 62],
    [25, 0, 0, 0, 0, 0, 25],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [67, 3, 0, 0, 1, 0, 71],
    [6, 0, 0, 0, 0, 0, 6],
    [108, 2, 0, 0, 0, 0, 110],
    [2932, 53, 0, 0, 61, 4, 3050],
    [103, 0, 0, 0, 0, 0, 103],
  ],
  appeals: [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
  active: { 'rules.issued': 1, 'rules.repealed': 0, 'rules.in_force': 11, 'normative.issued': 8, 'normative.repealed': 26, 'normative.in_force': 66, 'licensing.decisions': 447228, 'penalty.decisions': 3985758, 'enforcement.decisions': 88283, 'fees.amount': 96171.6 },
};

/** 洪泽区人民政府 2023 (corpus 03): collapsed （六） (23 rows); 四 violates R4 as published. */
export const HONGZE_2023: CorpusTables = {
  file: '03_hongze_district_2023.txt',
  requests: [
    [21, 0, 0, 0, 0, 0, 21],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [4, 0, 0, 0, 0, 0, 4],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [10, 0, 0, 0, 0, 0, 10],
    [3, 0, 0, 0, 0, 0, 3],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [21, 0, 0, 0, 0, 0, 21],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  appeals: [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
  active: { 'rules.issued': 0, 'rules.repealed': 0, 'rules.in_force': 0, 'normative.issued': 0, 'normative.repealed': 5, 'normative.in_force': 5, 'licensing.decisions': 550, 'penalty.decisions': 4119, 'enforcement.decisions': 195, 'fees.amount': 7730.28 },
};

/** 淮安市洪泽区人民政府 2024 (corpus 04): collapsed （六） (23 rows). */
export const HONGZE_2024: CorpusTables = {
  file: '04_hongze_district_2024.txt',
  requests: [
    [95, 0, 0, 0, 0, 0, 95],
    [0, 0, 0, 0, 0, 0, 0],
    [50, 0, 0, 0, 0, 0, 50],
    [9, 0, 0, 0, 0, 0, 9],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [31, 0, 0, 0, 0, 0, 31],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [95, 0, 0, 0, 0, 0, 95],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  appeals: [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
  active: { 'rules.issued': 0, 'rules.repealed': 0, 'rules.in_force': 0, 'normative.issued': 3, 'normative.repealed': 0, 'normative.in_force': 8, 'licensing.decisions': 9487, 'penalty.decisions': 2776, 'enforcement.decisions': 84, 'fees.amount': 7545 },
};
