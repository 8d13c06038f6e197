/**
 * What `tokendesk store` prints, in Japanese and in English, run in this process (a
 * child process would run no mutant in a mutation run): the five step names of the
 * CA manual's storage software (CA manual §7.4: 【STEP1】eToken認証, 【STEP2】ユーザー確認,
 * 【STEP3】電子証明書格納用PIN入力, 【STEP4】ユーザーPIN設定, 【STEP5】完了), STEP2's kind of
 * application (申請の種類: 新規発行, 更新, 再発行 — CA manual §4.1, §8.3), every line of
 * STEP4's work as it goes, and the closing sentence — for a new issuance, a renewal
 * that reuses a key an interrupted run left, and a reissue. SoftHSM2 and the
 * reference CA over TLS; PINs come on standard input as `--pins-from-stdin` reads them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runStore } from '../../../src/cli/store-runner.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene;
let dir: string;

beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-words-'));
  writeFileSync(join(dir, 'ca.pem'), scene.ca.caCertificatePem);
});
afterEach(async () => {
  await scene?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `tokendesk store … --pins-from-stdin --lang <lang>` in this process: its exit code (or what it threw) and its stderr. */
async function store(lang: 'ja' | 'en', stdin: string[]): Promise<{ outcome: number | unknown; stderr: string }> {
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: stdinDescriptor.enumerable ?? true, value: Readable.from(stdin.map((line) => `${line}\n`)) });
  let stderr = '';
  const written = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const outcome = await runStore({ ca: scene.ca.url, caTrust: join(dir, 'ca.pem'), module: scene.hsm.modulePath, pinsFromStdin: true, lang }).catch((error: unknown) => error);
    return { outcome, stderr };
  } finally {
    written.mockRestore();
    Object.defineProperty(process, 'stdin', stdinDescriptor);
  }
}

/** Leaves a key pair under this label with no certificate, as a run stopped after key generation does. */
async function leaveKeyPair(userPin: string, label: string): Promise<void> {
  const session = await scene.module.openSession(scene.tokenSerial, { readWrite: true });
  try {
    await session.login('user', userPin);
    await session.generateRsaKeyPair({ label });
  } finally {
    await session.close();
  }
}

/**
 * The transcript the user reads, per language: the step names as the CA manual's
 * software shows them (§7.4), then STEP4's work in the user's words — never the
 * core's names for it (keyGeneration, caCertificates …).
 */
const WORDS = {
  ja: {
    steps: ['eToken認証', 'ユーザー確認', '電子証明書格納用PIN入力', 'ユーザーPIN設定', '完了'],
    kinds: { new: '新規発行', renewal: '更新', reissue: '再発行' },
    application: (no: string) => `（申請書番号 ${no}）`,
    accepted: 'OK（残り入力回数 5回）',
    work: {
      userPin: 'ユーザーPINを設定しています',
      caCertificates: '認証局の証明書を確認しています',
      keyGeneration: 'トークン内で鍵を生成しています',
      keyReused: '以前に作成した鍵を使います',
      certificateRequest: '証明書の発行要求を作成しています',
      enrollment: '認証局に証明書を発行してもらっています',
      certificateWrite: '証明書をトークンに書き込んでいます',
      verification: '書き込んだ証明書を確認しています',
      oldObjectsRemoved: '古い証明書と鍵を削除しています',
      reportStored: '格納完了を認証局に報告しています',
    },
    done: 'eTokenに電子証明書を格納する処理が完了しました。',
  },
  en: {
    steps: ['Token', 'Confirm user', 'Storage PIN', 'User PIN', 'Done'],
    kinds: { new: 'New issuance', renewal: 'Renewal', reissue: 'Reissue' },
    application: (no: string) => ` (application ${no})`,
    accepted: 'OK (5 attempts left)',
    work: {
      userPin: 'Setting the user PIN',
      caCertificates: 'Checking the CA certificates',
      keyGeneration: 'Generating the key on the token',
      keyReused: 'Reusing the key made earlier',
      certificateRequest: 'Making the certificate request',
      enrollment: 'Asking the CA for the certificate',
      certificateWrite: 'Writing the certificate to the token',
      verification: 'Verifying the stored certificate',
      oldObjectsRemoved: 'Removing the old certificate and key',
      reportStored: 'Telling the CA the certificate is stored',
    },
    done: 'The certificate has been stored on the eToken.',
  },
} as const;

type Work = keyof (typeof WORDS)['ja']['work'];

function transcript(lang: 'ja' | 'en', serial: string, who: { userId: string; applicationNo: string }, kind: 'new' | 'renewal' | 'reissue', work: Work[] | undefined): string[] {
  const w = WORDS[lang];
  const lines = [
    `STEP1 ${w.steps[0]}`,
    `  token ${serial} (SoftHSM v2)`,
    `STEP2 ${w.steps[1]}`,
    `  ${who.userId} Souken Tarou — ${w.kinds[kind]}${w.application(who.applicationNo)}`,
    `STEP3 ${w.steps[2]}`,
  ];
  if (!work) return lines;
  return [...lines, `  ${w.accepted}`, `STEP4 ${w.steps[3]}`, ...work.map((step) => `  … ${w.work[step]}`), `STEP5 ${w.steps[4]}`, `  ${w.done}`];
}

const linesOf = (stderr: string) => stderr.split('\n').filter((line) => line.trim() !== '');

it.each(['ja', 'en'] as const)('prints the step names, the kind of application and each line of STEP4\'s work in the chosen language (%s)', async (lang) => {
  const serial = scene.tokenSerial;

  // New issuance: the key made on the token.
  const first = scene.application;
  const news = await store(lang, [first.storagePin, 'Tarou123']);
  expect(news.outcome, news.stderr).toBe(0);
  expect(linesOf(news.stderr)).toEqual(
    transcript(lang, serial, first, 'new', ['userPin', 'caCertificates', 'keyGeneration', 'certificateRequest', 'enrollment', 'certificateWrite', 'verification', 'oldObjectsRemoved', 'reportStored']),
  );

  // Renewal after a run that stopped once its key was made: that key is used, the old pair goes.
  const renewal = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: serial });
  await leaveKeyPair('Tarou123', `${renewal.userId} Souken Tarou`);
  const renewed = await store(lang, [renewal.storagePin, 'Renew456']);
  expect(renewed.outcome, renewed.stderr).toBe(0);
  expect(linesOf(renewed.stderr)).toEqual(
    transcript(lang, serial, renewal, 'renewal', ['userPin', 'caCertificates', 'keyReused', 'certificateRequest', 'enrollment', 'certificateWrite', 'verification', 'oldObjectsRemoved', 'reportStored']),
  );

  // Reissue after revocation, as far as STEP2 names it (no PIN given: the CLI stops at STEP3).
  await scene.ca.revoke((await scene.ca.status(renewal.applicationNo)).certificate!.serial);
  const reissue = await scene.ca.addApplication({ kind: 'reissue', tokenSerial: serial });
  const reissued = await store(lang, []);
  expect(reissued.outcome).toMatchObject({ code: 'TD-CLI-PIN-NEEDED' });
  expect(linesOf(reissued.stderr)).toEqual(transcript(lang, serial, reissue, 'reissue', undefined));
});
