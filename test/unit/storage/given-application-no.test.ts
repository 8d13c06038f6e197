import { expect, it } from 'vitest';
import { checkGivenApplicationNo } from '../../../src/core/storage/index.js';

it('a number given where the CA names the application: only that one passes; none given, or none named, passes', () => {
  const named = { applicationNo: '20230426035' };
  expect(checkGivenApplicationNo(named, ' 20230426035 ')).toBeUndefined();
  expect(checkGivenApplicationNo(named, undefined)).toBeUndefined();
  expect(checkGivenApplicationNo({}, '20230426036')).toBeUndefined();
  const other = checkGivenApplicationNo(named, '20230426036');
  expect(other?.code).toBe('TD-APPLICATION-NO-NOT-PENDING');
  expect(other?.params).toEqual({ given: '20230426036', pending: '20230426035' });
});
