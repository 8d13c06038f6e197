/**
 * Bench — graphene-pk11's object model against pkcs11js for the same Flow B read.
 *
 * TokenDesk's PKCS#11 layer (src/core/pkcs11) calls pkcs11js directly. graphene-pk11
 * wraps the same binding in objects (Module → Slot → Token → Session → SessionObject).
 * This measures whether that model could carry the core at the same speed: the read
 * rawDeviceRead makes (device-info.ts) — library, token, session, random, the
 * certificates and public keys, login, the private keys, one signature, logout —
 * written once through graphene (attributes fetched in one batch per object, as
 * graphene allows) and once through bare pkcs11js, interleaved, after warm-up.
 * `npm run bench -- --only graphene`
 */
import { webcrypto } from 'node:crypto';
import * as graphene from 'graphene-pk11';
import { rawDeviceRead, tokenWithCertificate } from './device-info.js';
import { ratio, summarize, timeInterleaved, type BenchOptions, type BenchResult } from './stats.js';

const { Module, ObjectClass, SessionFlag, UserType } = graphene;

/**
 * `batched`: each object's attributes in one C_GetAttributeValue (getAttribute({...})),
 * as src/core/pkcs11 reads them; `getters`: graphene's own properties (`.id`, `.label`,
 * `.value`), one call each — the object model as its documentation uses it.
 */
export async function grapheneDeviceRead(modulePath: string, pin: string, style: 'batched' | 'getters' = 'batched'): Promise<void> {
  const module = Module.load(modulePath);
  module.initialize();
  try {
    void module.libraryDescription;
    const slots = module.getSlots(true);
    let slot: graphene.Slot | undefined;
    for (let i = 0; i < slots.length; i++) {
      const candidate = slots.items(i);
      if (candidate.getToken().flags & graphene.TokenFlag.TOKEN_INITIALIZED) slot = candidate;
    }
    if (!slot) throw new Error('no initialized token');
    const session = slot.open(SessionFlag.SERIAL_SESSION);
    try {
      session.generateRandom(16);
      let holderId: Buffer | undefined;
      const certificates = session.find({ class: ObjectClass.CERTIFICATE });
      for (let i = 0; i < certificates.length; i++) {
        if (style === 'batched') {
          holderId = (certificates.items(i).getAttribute({ id: null, label: null, value: null }) as { id: Buffer }).id;
        } else {
          const certificate = certificates.items(i).toType<graphene.X509Certificate>();
          void certificate.label;
          void certificate.value;
          holderId = certificate.id;
        }
      }
      const publicKeys = session.find({ class: ObjectClass.PUBLIC_KEY });
      for (let i = 0; i < publicKeys.length; i++) {
        if (style === 'batched') publicKeys.items(i).getAttribute({ id: null, label: null });
        else void [publicKeys.items(i).toType<graphene.PublicKey>().id, publicKeys.items(i).toType<graphene.PublicKey>().label];
      }
      if (!holderId) throw new Error('no certificate');
      session.login(pin, UserType.USER);
      let key: graphene.PrivateKey | undefined;
      const privateKeys = session.find({ class: ObjectClass.PRIVATE_KEY });
      for (let i = 0; i < privateKeys.length; i++) {
        const object = privateKeys.items(i).toType<graphene.PrivateKey>();
        const id = style === 'batched' ? (object.getAttribute({ id: null, label: null }) as { id: Buffer }).id : (void object.label, object.id);
        if (id.equals(holderId)) key = object;
      }
      if (!key) throw new Error('no private key');
      const data = webcrypto.getRandomValues(Buffer.alloc(32));
      await new Promise<Buffer>((resolve, reject) =>
        session.createSign('SHA256_RSA_PKCS', key).once(data, (error, signature) => (error ? reject(error) : resolve(signature))),
      );
      session.logout();
    } finally {
      session.close();
    }
  } finally {
    module.finalize();
    module.close();
  }
}

export async function runGrapheneBench(options: BenchOptions): Promise<BenchResult> {
  const runs = options.quick ? 15 : 60;
  const warmup = options.quick ? 5 : 30;
  options.log('graphene: making a SoftHSM2 token with a key pair and a certificate');
  const { hsm, pin } = await tokenWithCertificate();
  try {
    await grapheneDeviceRead(hsm.modulePath, pin);
    await grapheneDeviceRead(hsm.modulePath, pin, 'getters');
    await rawDeviceRead(hsm.modulePath, pin);
    options.log(`graphene: ${warmup} warm-up and ${runs} timed runs each (graphene batched, graphene getters, raw pkcs11js interleaved)`);
    const samples = await timeInterleaved(
      runs,
      {
        graphene: () => grapheneDeviceRead(hsm.modulePath, pin),
        grapheneGetters: () => grapheneDeviceRead(hsm.modulePath, pin, 'getters'),
        raw: () => rawDeviceRead(hsm.modulePath, pin),
      },
      warmup,
    );
    const viaGraphene = summarize(samples.graphene);
    const viaGetters = summarize(samples.grapheneGetters);
    const raw = summarize(samples.raw);
    return {
      bench: 'graphene',
      mode: options.quick ? 'quick' : 'full',
      token: 'SoftHSM2, one token holding an RSA-2048 key pair and a certificate; the same read as device-info\'s raw reference',
      grapheneBatchedMs: viaGraphene,
      grapheneGettersMs: viaGetters,
      rawPkcs11jsMs: raw,
      ratio: ratio(viaGraphene, raw),
      ratioGetters: ratio(viaGetters, raw),
      /** The fastest run of each: the least disturbed by other load on the machine. */
      ratioOfFastest: { batched: ratio(viaGraphene.min, raw.min), getters: ratio(viaGetters.min, raw.min) },
      warmupRunsEach: warmup,
    };
  } finally {
    hsm.cleanup();
  }
}
