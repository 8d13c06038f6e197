// Loaded with `node --import` into a TokenDesk child process by pcClockEnv()
// (test/support/pc-clock.ts): the child's PC clock, as JavaScript sees it, is moved
// by TOKENDESK_TEST_PC_CLOCK_SHIFT_MS, or started at TOKENDESK_TEST_PC_CLOCK_AT (ISO)
// and left ticking. A test-only edge: the CLI has no clock option, and a PC whose
// clock is wrong is exactly what this stands in for. TLS (OpenSSL) keeps real time.
const RealDate = Date;
const at = process.env.TOKENDESK_TEST_PC_CLOCK_AT;
const offset = at ? new RealDate(at).getTime() - RealDate.now() : Number(process.env.TOKENDESK_TEST_PC_CLOCK_SHIFT_MS ?? 0);
if (!Number.isFinite(offset)) throw new Error(`pc-clock-preload: bad clock setting (${at ?? process.env.TOKENDESK_TEST_PC_CLOCK_SHIFT_MS})`);
const pcNow = () => RealDate.now() + offset;

globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [pcNow()] : args, newTarget),
  apply: () => new RealDate(pcNow()).toString(),
  get: (target, property, receiver) => (property === 'now' ? pcNow : Reflect.get(target, property, receiver)),
});
