/*
 * One session of calls through libetokensim.so for the valgrind test
 * (test/integration/sim/memory.test.ts): every path of the sim once — slots, token
 * info, the retries object, wrong and right logins, key generation, signing, an
 * injected fault, removal and re-insertion, slot events. It checks each answer too,
 * so valgrind runs over the paths that really were taken.
 *
 * usage: sim-driver MODULE USER_PIN
 * env:   SIM_CONTROL  shell command prefix that runs `npm run sim --` (e.g. "node ... native/control.ts")
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/pkcs11.h"

static int failures = 0;

static void expect(const char *step, CK_RV got, CK_RV want) {
  if (got == want) {
    printf("ok   %s\n", step);
  } else {
    printf("FAIL %s: got 0x%lx, want 0x%lx\n", step, (unsigned long)got, (unsigned long)want);
    failures++;
  }
}

static void control(const char *args) {
  const char *prefix = getenv("SIM_CONTROL");
  char command[1024];
  snprintf(command, sizeof command, "%s %s >/dev/null", prefix ? prefix : "false", args);
  if (system(command) != 0) {
    printf("FAIL control %s\n", args);
    failures++;
  }
}

/* `remove` without a serial pulls every token: one event per slot, then quiet. */
static CK_ULONG drain_events(CK_FUNCTION_LIST_PTR p) {
  CK_ULONG events = 0;
  CK_SLOT_ID slot;
  while (events < 16 && p->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, NULL) == CKR_OK) events++;
  return events;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: sim-driver MODULE USER_PIN\n");
    return 2;
  }
  CK_UTF8CHAR_PTR pin = (CK_UTF8CHAR_PTR)argv[2];
  CK_ULONG pin_len = strlen(argv[2]);
  void *dl = dlopen(argv[1], RTLD_NOW);
  if (dl == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 2;
  }
  CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(dl, "C_GetFunctionList");
  CK_FUNCTION_LIST_PTR p = NULL;
  expect("C_GetFunctionList", get(&p), CKR_OK);

  CK_C_INITIALIZE_ARGS init = {.flags = CKF_OS_LOCKING_OK};
  expect("C_Initialize", p->C_Initialize(&init), CKR_OK);
  CK_INFO info;
  expect("C_GetInfo", p->C_GetInfo(&info), CKR_OK);

  CK_ULONG count = 0;
  expect("C_GetSlotList (count)", p->C_GetSlotList(CK_TRUE, NULL, &count), CKR_OK);
  CK_SLOT_ID slots[8];
  CK_ULONG too_few = 0;
  expect("C_GetSlotList (too small)", p->C_GetSlotList(CK_TRUE, slots, &too_few), count ? CKR_BUFFER_TOO_SMALL : CKR_OK);
  count = 8;
  expect("C_GetSlotList", p->C_GetSlotList(CK_TRUE, slots, &count), CKR_OK);
  CK_SLOT_ID slot = slots[0];
  CK_SLOT_INFO slot_info;
  expect("C_GetSlotInfo", p->C_GetSlotInfo(slot, &slot_info), CKR_OK);
  CK_TOKEN_INFO token;
  expect("C_GetTokenInfo", p->C_GetTokenInfo(slot, &token), CKR_OK);
  expect("C_GetTokenInfo (bad slot)", p->C_GetTokenInfo(999, &token), CKR_SLOT_ID_INVALID);

  CK_SESSION_HANDLE s;
  expect("C_OpenSession", p->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s), CKR_OK);

  /* SafeNet's token object (ETCKH_TOKEN_OBJECT), without login */
  CK_OBJECT_CLASS hw = CKO_HW_FEATURE;
  CK_HW_FEATURE_TYPE type = 0x80005002UL;
  CK_ATTRIBUTE find[] = {{CKA_CLASS, &hw, sizeof hw}, {CKA_HW_FEATURE_TYPE, &type, sizeof type}};
  expect("C_FindObjectsInit (token object)", p->C_FindObjectsInit(s, find, 2), CKR_OK);
  CK_OBJECT_HANDLE found[4];
  CK_ULONG n = 0;
  expect("C_FindObjects (token object)", p->C_FindObjects(s, found, 4, &n), CKR_OK);
  expect("token object found", n == 1 ? CKR_OK : CKR_GENERAL_ERROR, CKR_OK);
  expect("C_FindObjectsFinal", p->C_FindObjectsFinal(s), CKR_OK);
  CK_ULONG left = 0;
  char label[64];
  CK_ATTRIBUTE read[] = {{0x80001110UL /* ETCKA_RETRY_USER */, &left, sizeof left}, {0x80001102UL /* ETCKA_MODEL */, NULL, 0}, {CKA_VALUE, label, sizeof label}};
  expect("C_GetAttributeValue (token object)", p->C_GetAttributeValue(s, found[0], read, 3), CKR_ATTRIBUTE_TYPE_INVALID);
  read[1].pValue = label;
  read[1].ulValueLen = 2;
  expect("C_GetAttributeValue (short buffer)", p->C_GetAttributeValue(s, found[0], read, 2), CKR_BUFFER_TOO_SMALL);
  expect("C_DestroyObject (token object)", p->C_DestroyObject(s, found[0]), CKR_ACTION_PROHIBITED);

  /* PINs */
  expect("C_Login (wrong)", p->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR) "wrong-pin", 9), CKR_PIN_INCORRECT);
  expect("C_GetTokenInfo (count low)", p->C_GetTokenInfo(slot, &token), CKR_OK);
  expect("count low flag", (token.flags & CKF_USER_PIN_COUNT_LOW) ? CKR_OK : CKR_GENERAL_ERROR, CKR_OK);
  expect("C_Login", p->C_Login(s, CKU_USER, pin, pin_len), CKR_OK);

  /* keys and signing */
  CK_MECHANISM gen = {CKM_RSA_PKCS_KEY_PAIR_GEN, NULL, 0};
  CK_ULONG bits = 1024;
  CK_BYTE exponent[] = {1, 0, 1};
  CK_BBOOL yes = CK_TRUE;
  CK_ATTRIBUTE pub[] = {{CKA_MODULUS_BITS, &bits, sizeof bits}, {CKA_PUBLIC_EXPONENT, exponent, sizeof exponent},
                        {CKA_VERIFY, &yes, sizeof yes}, {CKA_TOKEN, &yes, sizeof yes}};
  CK_ATTRIBUTE priv[] = {{CKA_SIGN, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_TOKEN, &yes, sizeof yes},
                         {CKA_PRIVATE, &yes, sizeof yes}};
  CK_OBJECT_HANDLE pub_key, priv_key;
  expect("C_GenerateKeyPair", p->C_GenerateKeyPair(s, &gen, pub, 4, priv, 4, &pub_key, &priv_key), CKR_OK);
  CK_MECHANISM sha = {CKM_SHA256_RSA_PKCS, NULL, 0};
  CK_BYTE data[] = "TokenDesk", signature[512];
  CK_ULONG sig_len = sizeof signature;
  expect("C_SignInit", p->C_SignInit(s, &sha, priv_key), CKR_OK);
  expect("C_Sign", p->C_Sign(s, data, sizeof data, signature, &sig_len), CKR_OK);

  /* an injected fault ends the operation; the next one starts cleanly */
  control("fail C_Sign CKR_DEVICE_ERROR --once");
  expect("C_SignInit (before fault)", p->C_SignInit(s, &sha, priv_key), CKR_OK);
  sig_len = sizeof signature;
  expect("C_Sign (fault)", p->C_Sign(s, data, sizeof data, signature, &sig_len), CKR_DEVICE_ERROR);
  expect("C_SignInit (after fault)", p->C_SignInit(s, &sha, priv_key), CKR_OK);
  sig_len = sizeof signature;
  expect("C_Sign (after fault)", p->C_Sign(s, data, sizeof data, signature, &sig_len), CKR_OK);
  control("clear");

  /* removal and re-insertion */
  control("remove");
  expect("C_WaitForSlotEvent (removal)", drain_events(p) == count ? CKR_OK : CKR_GENERAL_ERROR, CKR_OK);
  expect("C_GetTokenInfo (removed)", p->C_GetTokenInfo(slot, &token), CKR_TOKEN_NOT_PRESENT);
  expect("C_GenerateRandom (removed)", p->C_GenerateRandom(s, data, 4), CKR_DEVICE_REMOVED);
  expect("C_GenerateRandom (handle gone)", p->C_GenerateRandom(s, data, 4), CKR_SESSION_HANDLE_INVALID);
  expect("C_OpenSession (removed)", p->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s), CKR_TOKEN_NOT_PRESENT);
  control("insert");
  expect("C_WaitForSlotEvent (insertion)", drain_events(p) == count ? CKR_OK : CKR_GENERAL_ERROR, CKR_OK);
  CK_SLOT_ID event;
  expect("C_WaitForSlotEvent (quiet)", p->C_WaitForSlotEvent(CKF_DONT_BLOCK, &event, NULL), CKR_NO_EVENT);
  CK_SESSION_HANDLE again;
  expect("C_OpenSession (re-inserted)", p->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &again), CKR_OK);
  expect("new session handle", again != s ? CKR_OK : CKR_GENERAL_ERROR, CKR_OK);
  CK_SESSION_INFO session_info;
  expect("C_GetSessionInfo", p->C_GetSessionInfo(again, &session_info), CKR_OK);
  expect("C_OpenSession (second)", p->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s), CKR_OK);
  expect("C_CloseSession", p->C_CloseSession(s), CKR_OK);
  expect("C_CloseAllSessions", p->C_CloseAllSessions(slot), CKR_OK);
  expect("C_Finalize", p->C_Finalize(NULL), CKR_OK);
  printf("%d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
