// Standard 5-field cron expressions (the robfig/cron v3 ParseStandard grammar the CronJob controller and
// its validation use): minute hour day-of-month month day-of-week (0-6 or SUN-SAT: v3 has no 7), with *,
// ?, lists, ranges, steps, month/day names, the @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly
// descriptors (lower case, as robfig compares them) and `@every <Go duration>`. As in robfig/cron, when both
// day fields are restricted a day matches if EITHER matches; if either starts with * both must.

interface Field { values: Set<number>; star: boolean }
export type CronSchedule =
  | { minute: Field; hour: Field; dom: Field; month: Field; dow: Field; everyMs?: undefined }
  /** @every: robfig's ConstantDelaySchedule, whole seconds, at least one */
  | { everyMs: number };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

function parseValue(s: string, names: string[] | null, nameBase: number): number {
  if (names) {
    const i = names.indexOf(s.toUpperCase());
    if (i >= 0) return i + nameBase;
  }
  if (!/^[0-9]+$/.test(s)) throw new Error(`failed to parse int from ${s}`);
  return Number(s);
}

function parseField(text: string, min: number, max: number, names: string[] | null, nameBase: number, label: string): Field {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [rangePart, stepPart, extra] = part.split('/');
    if (extra !== undefined) throw new Error(`too many slashes: ${part}`);
    let lo: number; let hi: number;
    if (rangePart === '*' || rangePart === '?') { lo = min; hi = max; star = true; }
    else {
      const [a, b, more] = rangePart.split('-');
      if (more !== undefined) throw new Error(`too many hyphens: ${part}`);
      lo = parseValue(a, names, nameBase);
      hi = b === undefined ? (stepPart !== undefined ? max : lo) : parseValue(b, names, nameBase);
    }
    const step = stepPart === undefined ? 1 : parseValue(stepPart, null, 0);
    if (step <= 0) throw new Error(`step of range should be a positive number: ${part}`);
    if (lo < min) throw new Error(`beginning of range (${lo}) below minimum (${min}): ${part}`);
    if (hi > max) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    if (lo > hi) throw new Error(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    if (step > 1) star = false;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  if (values.size === 0) throw new Error(`empty ${label} field`);
  return { values, star };
}

const GO_DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go's time.ParseDuration, in milliseconds ("1h30m", "1.5h", "-5m", "0"). */
function parseGoDuration(text: string): number {
  const m = /^([-+]?)((?:[0-9]*\.?[0-9]+(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(text);
  if (!m) throw new Error(`time: invalid duration "${text}"`);
  let ms = 0;
  for (const part of m[2].matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h)/g)) ms += Number(part[1]) * GO_DURATION_UNITS[part[2]];
  return m[1] === '-' ? -ms : ms;
}

/** Parse a schedule; throws an Error with upstream-like wording on bad syntax. */
export function parseCron(expr: string): CronSchedule {
  let text = expr.trim();
  if (text.startsWith('@every ')) {
    const raw = text.slice('@every '.length);
    let ms: number;
    try { ms = parseGoDuration(raw); } catch (e) { throw new Error(`failed to parse duration ${text}: ${(e as Error).message}`); }
    // cron.Every: below one second is one second; fractions of a second are dropped
    return { everyMs: ms < 1000 ? 1000 : Math.floor(ms / 1000) * 1000 };
  }
  if (text.startsWith('@')) {
    const d = DESCRIPTORS[text];
    if (!d) throw new Error(`unrecognized descriptor: ${text}`);
    text = d;
  }
  const f = text.split(/\s+/);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: [${f.join(' ')}]`);
  const dow = parseField(f[4], 0, 6, DAYS, 0, 'day-of-week');
  return {
    minute: parseField(f[0], 0, 59, null, 0, 'minute'),
    hour: parseField(f[1], 0, 23, null, 0, 'hour'),
    dom: parseField(f[2], 1, 31, null, 0, 'day-of-month'),
    month: parseField(f[3], 1, 12, MONTHS, 1, 'month'),
    dow,
  };
}

function dayMatches(s: Exclude<CronSchedule, { everyMs: number }>, d: Date): boolean {
  const domOk = s.dom.values.has(d.getUTCDate());
  const dowOk = s.dow.values.has(d.getUTCDay());
  return s.dom.star || s.dow.star ? domOk && dowOk : domOk || dowOk;
}

/** The first time strictly after `afterMs` (UTC) that the schedule fires, or null within 5 years. */
export function nextScheduleTime(s: CronSchedule, afterMs: number): number | null {
  // ConstantDelaySchedule.Next: the delay after `afterMs`, on a whole second
  if (s.everyMs !== undefined) return Math.floor(afterMs / 1000) * 1000 + s.everyMs;
  // Start at the next whole minute, walk day by day, then find the first matching hour:minute that day.
  const start = Math.floor(afterMs / 60000) * 60000 + 60000;
  const startDate = new Date(start);
  let day = Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth(), startDate.getUTCDate());
  const hours = [...s.hour.values].sort((a, b) => a - b);
  const minutes = [...s.minute.values].sort((a, b) => a - b);
  for (let i = 0; i < 366 * 5; i++, day += 86400000) {
    const d = new Date(day);
    if (!s.month.values.has(d.getUTCMonth() + 1) || !dayMatches(s, d)) continue;
    for (const h of hours) for (const m of minutes) {
      const t = day + h * 3600000 + m * 60000;
      if (t >= start) return t;
    }
  }
  return null;
}
