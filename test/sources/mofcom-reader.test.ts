import { describe, expect, it } from 'vitest';
import { conditionKey, expectedMofcom, mofcomAccuracy, mofcomFixture } from '../../bench/mofcom-accuracy.js';
import { mofcomItem } from '../../shared/ingest/sources/mofcom/mofcom-item.js';
import { looksLikeList, parseListPage } from '../../shared/ingest/sources/mofcom/mofcom-list.js';
import {
  decodePage,
  normaliseChinese,
  parseArticlePage,
} from '../../shared/ingest/sources/mofcom/mofcom-page.js';
import { type MofcomCandidate, mofcomReader } from '../../shared/ingest/sources/mofcom/mofcom-reader.js';
import { chineseDate, periodOf, referencesIn } from '../../shared/ingest/sources/mofcom/mofcom-text.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import {
  type PolicyChange,
  PolicyChangeInputSchema,
  publicPolicyChange,
} from '../../shared/model/policy-change.js';

const read = mofcomReader(defaultCatalogue());
const expected = expectedMofcom();

function readFixture(file: string) {
  return read(parseArticlePage(decodePage(mofcomFixture(file), file), file), file);
}

/** The fields the expectations name, in the form they were written down (days, sets sorted). */
function fieldsOf(candidate: MofcomCandidate) {
  return {
    sourceRef: candidate.sourceRef,
    issuingBodies: candidate.issuingBodies,
    publishedAt: candidate.publishedAt?.slice(0, 10),
    effectiveAt: candidate.effectiveAt?.slice(0, 10),
    ...(candidate.expiresAt ? { expiresAt: candidate.expiresAt.slice(0, 10) } : {}),
    changeType: candidate.changeType,
    affectedRegions: candidate.affectedRegions,
    materials: [...candidate.materials].sort(),
    hsCodes: [...candidate.hsCodes].sort(),
    controlCodes: candidate.controlCodes,
    itemTypes: candidate.itemTypes,
    conditions: candidate.conditions,
    relatedChanges: candidate.relatedChanges,
  };
}

describe('the Chinese reader over the ministry pages', () => {
  const files = [...new Set(expected.changes.map((change) => change.file))];
  it.each(files)('%s: every field as written down', (file) => {
    const reading = readFixture(file);
    expect(reading.kind).toBe('candidates');
    const got = reading.kind === 'candidates' ? reading.candidates.map(fieldsOf) : [];
    const want = expected.changes
      .filter((change) => change.file === file)
      .map(({ file: _file, ...change }) => ({
        ...change,
        materials: [...change.materials].sort(),
        hsCodes: [...change.hsCodes].sort(),
      }));
    expect(got.map((change) => ({ ...change, conditions: change.conditions.map(conditionKey) }))).toEqual(
      want.map((change) => ({ ...change, conditions: change.conditions.map(conditionKey) })),
    );
  });

  it.each(expected.dropped.map((drop) => [drop.file, drop.reason]))(
    '%s is not an export control: dropped as %s',
    (file, reason) => {
      const reading = readFixture(file);
      expect(reading.kind === 'dropped' && reading.reason).toBe(reason);
    },
  );

  it('the bench measure agrees: every fact read, nothing else, no non-control published', () => {
    const accuracy = mofcomAccuracy();
    expect({ ...accuracy.fields, missed: accuracy.missed, wrong: accuracy.wrong }).toMatchObject({
      precision: 1,
      recall: 1,
      missed: [],
      wrong: [],
    });
    expect(accuracy.nonControlsPublished).toBe(0);
    expect(accuracy.wrongDropReasons).toEqual([]);
  });

  it('every candidate is a valid pending change that keeps the Chinese original and the sentence behind each field', () => {
    const reading = readFixture('mofcom-2025-70.html');
    if (reading.kind !== 'candidates') throw new Error('No. 70 was dropped');
    const [candidate] = reading.candidates;
    if (!candidate) throw new Error('No. 70 gave no candidate');
    const { body } = mofcomItem(candidate);
    expect(PolicyChangeInputSchema.safeParse(body).success).toBe(true);
    expect(body.reviewStatus).toBe('pending');
    expect(body.titleOriginal).toBe(
      '商务部 海关总署公告2025年第70号 关于暂停实施2025年第55号、第56号、第57号、第58号、第61号、第62号公告的公告',
    );
    expect(body.textOriginal).toContain('本公告自公布之日起至2026年11月10日暂停实施。');
    expect(body.textOriginal).not.toContain('版权所有');
    expect(body.evidence).toContain(
      'expiresAt=2026-11-10: until the day named ("三、本公告自公布之日起至2026年11月10日暂停实施。")',
    );
    expect(candidate.title).toBe(
      'China suspends export controls on superhard materials, rare-earth processing equipment, rare-earth auxiliary materials, holmium, erbium and 10 more (MOFCOM/GAC Announcement No. 70 of 2025)',
    );
  });

  it('the attachments are kept with the original text, as links on the ministry site', () => {
    const reading = readFixture('mofcom-2025-18.html');
    if (reading.kind !== 'candidates') throw new Error('No. 18 was dropped');
    expect(reading.candidates[0]?.textOriginal.split('\n').at(-1)).toBe(
      '附件：部分中重稀土相关物项清单.pdf <https://www.mofcom.gov.cn/zwgk/zcfb/att/2025-18-1.pdf>',
    );
  });

  it('evidence comes one line per field and sentence, each with its sentence quoted whole', () => {
    const reading = readFixture('mofcom-2025-18.html');
    if (reading.kind !== 'candidates' || !reading.candidates[0]) throw new Error('No. 18 was dropped');
    const evidence = mofcomItem(reading.candidates[0]).body.evidence as string[];
    expect(evidence.filter((line) => line.startsWith('hsCodes='))).toEqual([
      'hsCodes=2805301910: 海关商品编号 ("(一)钐相关物项(管制编码 1C902.a;参考海关商品编号:2805301910)。")',
      'hsCodes=2805301200: 海关商品编号 ("(二)钆相关物项(管制编码 1C903;参考海关商品编号:2805301200)。")',
      'hsCodes=2805301300: 海关商品编号 ("(三)铽相关物项(管制编码 1C904;参考海关商品编号:2805301300)。")',
      'hsCodes=2805301700, 2846901940: 海关商品编号 ("(四)镝相关物项(管制编码 1C905;参考海关商品编号:2805301700、2846901940)。")',
      'hsCodes=2805301800: 海关商品编号 ("(五)镥相关物项(管制编码 1C906;参考海关商品编号:2805301800)。")',
      'hsCodes=2846901993: 海关商品编号 ("(六)钪相关物项(管制编码 1C907;参考海关商品编号:2846901993)。")',
      'hsCodes=2846902810: 海关商品编号 ("(七)钇相关物项(管制编码 1C908;参考海关商品编号:2846902810)。")',
      'hsCodes=3824999922, 8486909110, 850511: 海关商品编号 ("(八)含上述元素的合金及稀土永磁材料(参考海关商品编号:3824999922、8486909110、850511)。")',
    ]);
    expect(
      evidence.every((line) => line.length <= 500 && (!line.includes(' ("') || line.endsWith('")'))),
    ).toBe(true);
  });

  it('an alert carries the original title, not the original text', () => {
    const stored = {
      title: 'China suspends export controls',
      titleOriginal: '商务部 海关总署公告2025年第70号',
      textOriginal: '一、暂停实施…',
      matching: { status: 'completed', matchedSubscriptions: 0 },
    } as unknown as PolicyChange;
    expect(publicPolicyChange(stored)).toEqual({
      title: 'China suspends export controls',
      titleOriginal: '商务部 海关总署公告2025年第70号',
    });
  });

  it('a traditional-character page reads as its simplified twin, and keeps its own characters as the original', () => {
    const reading = readFixture('mofcom-2025-72.traditional.html');
    if (reading.kind !== 'candidates') throw new Error('No. 72 was dropped');
    expect(reading.candidates[0]?.titleOriginal).toContain('暫停實施');
    expect(reading.candidates[0]?.relatedChanges).toEqual([
      { relation: 'suspends', source: 'cn-mofcom', sourceRef: 'MOFCOM-2024-46-2' },
    ]);
  });
});

describe('announcements the fixtures do not cover', () => {
  const page = (heading: string, paragraphs: string[]) =>
    `<html><body><div class="art-title"><h1>${heading}</h1></div><div id="zoom">${paragraphs.map((p) => `<p>${p}</p>`).join('')}<p>2026年1月5日</p></div></body></html>`;
  const readPage = (html: string) => read(parseArticlePage(html, 'inline'), 'inline');

  it('a revocation: revokes the announcement it names, eases the rules, takes effect on its day', () => {
    const reading = readPage(
      page('商务部公告2026年第1号 关于废止部分出口管制公告的公告', [
        '根据《中华人民共和国出口管制法》,现将有关事项公告如下:',
        '一、废止商务部公告2025年第62号。',
        '二、本公告自2026年1月10日起施行。',
      ]),
    );
    if (reading.kind !== 'candidates') throw new Error('the revocation was dropped');
    expect(reading.candidates[0]).toMatchObject({
      sourceRef: 'MOFCOM-2026-1',
      changeType: 'other',
      direction: 'relaxation',
      relatedChanges: [{ relation: 'revokes', source: 'cn-mofcom', sourceRef: 'MOFCOM-2025-62' }],
      publishedAt: '2026-01-05T00:00:00+08:00',
      effectiveAt: '2026-01-10T00:00:00+08:00',
    });
  });

  it('a general licence for civilian uses: a general-licence relaxation that requires the licence', () => {
    const reading = readPage(
      page('商务部公告2026年第2号 关于对稀土相关两用物项实施通用许可的公告', [
        '根据《中华人民共和国两用物项出口管制条例》,现将有关事项公告如下:',
        '一、对镝、铽相关两用物项用于民用最终用途的出口,实施通用许可。',
        '二、本公告自公布之日起施行。',
      ]),
    );
    if (reading.kind !== 'candidates') throw new Error('the general licence was dropped');
    expect(reading.candidates[0]).toMatchObject({
      changeType: 'general-licence',
      direction: 'relaxation',
      materials: ['dysprosium', 'terbium'],
      conditions: [{ type: 'licence', effect: 'requires', values: ['general'] }],
      effectiveAt: '2026-01-05T00:00:00+08:00',
    });
  });
});

describe('the announcement list', () => {
  it('the HTML page: one row per article, its link made absolute, its date; navigation and paging links left out', () => {
    const rows = parseListPage(
      mofcomFixture('list-page-1.html').toString('utf8'),
      'https://www.mofcom.gov.cn/zwgk/zcfb/',
      'list-page-1.html',
    );
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({
      url: 'https://www.mofcom.gov.cn/zwgk/zcfb/art/2025/art_1098.html',
      title: '商务部公告2025年第72号 关于暂停实施对美国相关两用物项出口管制措施的公告',
      date: '2025-11-09',
    });
  });

  it('a saved page is told apart: the lists are lists, the articles articles', () => {
    const text = (name: string) => decodePage(mofcomFixture(name), name);
    expect(
      ['list-page-1.html', 'list-page-2.json', 'list-refused.json'].map((name) => looksLikeList(text(name))),
    ).toEqual([true, true, true]);
    expect(
      ['mofcom-2025-70.html', 'mofcom-2023-39.gbk.html', 'other-04.html'].map((name) =>
        looksLikeList(text(name)),
      ),
    ).toEqual([false, false, false]);
  });

  it('the JSON the page loads: the rows of data.html', () => {
    const rows = parseListPage(
      mofcomFixture('list-page-2.json').toString('utf8'),
      'https://www.mofcom.gov.cn/zwgk/zcfb/',
      'page 2',
    );
    expect(rows.map((row) => row.date)).toEqual([...rows.map((row) => row.date)].sort().reverse());
    expect(rows).toHaveLength(12);
  });
});

describe('the grammar of an announcement', () => {
  it.each([
    ['２０２５年１１月７日', '2025-11-07'],
    ['2023年8月1日起', '2023-08-01'],
    ['2025年2月30日', undefined],
    ['公布之日', undefined],
  ])('date %s is %s', (text, day) => expect(chineseDate(normaliseChinese(text))).toBe(day));

  it.each([
    ['本公告自2023年8月1日起正式实施。', { from: '2023-08-01' }],
    ['本公告自公布之日起正式实施。', { from: 'publication' }],
    ['本公告自公布之日起至2026年11月10日暂停实施。', { from: 'publication', until: '2026-11-10' }],
    ['经国务院批准。', undefined],
  ])('period of %s', (sentence, period) => expect(periodOf(sentence)).toEqual(period));

  it.each([
    [
      '暂停实施商务部 海关总署公告2025年第55号、第56号以及商务部公告2025年第61号',
      ['2025-55', '2025-56', '2025-61'],
    ],
    ['2023年第23号、第39号和2024年第33号', ['2023-23', '2023-39', '2024-33']],
    ['商务部公告2024年第46号第二款', ['2024-46-2']],
    ['第5号', []],
  ])('references in %s', (sentence, refs) =>
    expect(
      referencesIn(sentence).map((ref) => `${ref.year}-${ref.number}${ref.clause ? `-${ref.clause}` : ''}`),
    ).toEqual(refs),
  );

  it('full-width digits and punctuation, and traditional characters, read as their plain forms', () => {
    expect(normaliseChinese('管制編碼　１Ｃ９０２．ａ（參考海關商品編號：８５０５１１）')).toBe(
      '管制编码 1C902.a(参考海关商品编号:850511)',
    );
  });
});
