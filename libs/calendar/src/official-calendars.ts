import type { HolidayYear } from './working-calendar';

const spring = '春节';

/** 国务院办公厅关于2026年部分节假日安排的通知. */
export const CN_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  holidays: [
    ...['2026-01-01', '2026-01-02', '2026-01-03'].map((date) => ({ date, name: '元旦' })),
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, name: spring })),
    ...['2026-04-04', '2026-04-05', '2026-04-06'].map((date) => ({ date, name: '清明节' })),
    ...['01', '02', '03', '04', '05'].map((d) => ({ date: `2026-05-${d}`, name: '劳动节' })),
    ...['2026-06-19', '2026-06-20', '2026-06-21'].map((date) => ({ date, name: '端午节' })),
    ...['2026-09-25', '2026-09-26', '2026-09-27'].map((date) => ({ date, name: '中秋节' })),
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
  ],
  workdays: [
    { date: '2026-01-04', name: '元旦调休上班' },
    { date: '2026-02-14', name: '春节调休上班' },
    { date: '2026-02-28', name: '春节调休上班' },
    { date: '2026-05-09', name: '劳动节调休上班' },
    { date: '2026-09-20', name: '国庆节调休上班' },
    { date: '2026-10-10', name: '国庆节调休上班' },
  ],
};

/**
 * 2027 until the State Council's notice is entered: the statutory holidays of 全国年节及纪念日
 * 放假办法 (2024) on their 2027 dates, without the bridging days and make-up working days that
 * only the notice fixes. An administrator replaces it through routing's calendar API.
 */
export const CN_2027_PROVISIONAL: HolidayYear = {
  year: 2027,
  provisional: true,
  source: '全国年节及纪念日放假办法 (statutory days only; replace with the 2027 notice when published)',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((date) => ({ date, name: spring })),
    { date: '2027-04-05', name: '清明节' },
    { date: '2027-05-01', name: '劳动节' },
    { date: '2027-05-02', name: '劳动节' },
    { date: '2027-06-09', name: '端午节' },
    { date: '2027-09-15', name: '中秋节' },
    ...['2027-10-01', '2027-10-02', '2027-10-03'].map((date) => ({ date, name: '国庆节' })),
  ],
  workdays: [],
};

/** The holiday data the platform ships with. */
export const OFFICIAL_HOLIDAY_YEARS: readonly HolidayYear[] = [CN_2026, CN_2027_PROVISIONAL];
