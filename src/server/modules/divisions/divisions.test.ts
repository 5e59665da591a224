import { describe, expect, it } from 'vitest';
import { findDivision, listDivisions, normaliseDivisionCode, toStoredDivisionCode } from './divisions.service.js';

describe('normaliseDivisionCode / toStoredDivisionCode', () => {
  it.each([
    ['410000', '41'],
    ['411500', '4115'],
    ['411525', '411525'],
    ['411525001', '411525001'],
    ['41', '41'],
    ['4115', '4115'],
  ])('%s → %s', (code, normalised) => {
    expect(normaliseDivisionCode(code)).toBe(normalised);
  });

  it.each([
    ['41', '410000'],
    ['4115', '411500'],
    ['411525', '411525'],
    ['411525001', '411525001'],
  ])('stores %s as %s', (code, stored) => {
    expect(toStoredDivisionCode(code)).toBe(stored);
    // The stored form resolves to the same division.
    expect(findDivision(stored)?.code).toBe(findDivision(code)?.code);
  });
});

describe('findDivision', () => {
  it.each([
    ['411525', '固始县', 'county', '河南省信阳市固始县'],
    ['411500', '信阳市', 'city', '河南省信阳市'],
    ['4115', '信阳市', 'city', '河南省信阳市'],
    ['410000', '河南省', 'province', '河南省'],
    ['41', '河南省', 'province', '河南省'],
    ['411502', '浉河区', 'county', '河南省信阳市浉河区'],
    ['411571', '信阳高新技术产业开发区', 'county', '河南省信阳市信阳高新技术产业开发区'],
    ['411525001', '蓼城街道', 'town', '河南省信阳市固始县蓼城街道'],
    // Placeholder levels (市辖区) add nothing to a full name.
    ['110101', '东城区', 'county', '北京市东城区'],
    ['110100', '市辖区', 'city', '北京市'],
    ['441900', '东莞市', 'city', '广东省东莞市'],
  ] as const)('%s → %s (%s), %s', (code, name, level, fullName) => {
    expect(findDivision(code)).toMatchObject({ name, level, fullName });
  });

  it.each(['419999', '999999', '411599', '411525999', '00', ''])('%s is unknown', (code) => {
    expect(findDivision(code)).toBeUndefined();
  });
});

describe('listDivisions', () => {
  it('lists the children of a parent, by short or stored code', () => {
    const names = listDivisions({ parent: '4115', limit: 200 }).map((d) => d.name);
    expect(names).toEqual(['浉河区', '平桥区', '罗山县', '光山县', '新县', '商城县', '固始县', '潢川县', '淮滨县', '息县', '信阳高新技术产业开发区']);
    expect(listDivisions({ parent: '411500', limit: 200 }).map((d) => d.name)).toEqual(names);
  });

  it('lists provinces without a parent and honours the limit', () => {
    const top = listDivisions({ limit: 3 });
    expect(top).toHaveLength(3);
    expect(top.every((d) => d.level === 'province')).toBe(true);
    expect(listDivisions({ limit: 200 }).length).toBe(31);
  });

  it('searches by name within a parent', () => {
    expect(listDivisions({ q: '固始', limit: 1 })).toEqual([{ code: '411525', name: '固始县', level: 'county', fullName: '河南省信阳市固始县' }]);
    const towns = listDivisions({ q: '镇', parent: '411525', limit: 200 });
    expect(towns.length).toBeGreaterThan(10);
    expect(towns.every((d) => d.code.startsWith('411525') && d.level === 'town')).toBe(true);
  });
});
