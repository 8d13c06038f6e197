/*
 * The calls the sim has no opinion about: they pass the session gate (removal,
 * faults) and go straight to the wrapped module. Also the function list, the
 * module's only exported symbol besides C_GetFunctionList.
 */
#include "entry_points.h"
#include "sim.h"

#define FORWARD(name, session, ...)                                              \
  do {                                                                           \
    CK_SESSION_HANDLE target_;                                                   \
    CK_RV rv_ = sim_enter_session("C_" #name, session, &target_, NULL);          \
    return rv_ != CKR_OK ? rv_ : sim.target->C_##name(target_, __VA_ARGS__);     \
  } while (0)

#define FORWARD0(name, session)                                                  \
  do {                                                                           \
    CK_SESSION_HANDLE target_;                                                   \
    CK_RV rv_ = sim_enter_session("C_" #name, session, &target_, NULL);          \
    return rv_ != CKR_OK ? rv_ : sim.target->C_##name(target_);                  \
  } while (0)

typedef CK_SESSION_HANDLE H;
typedef CK_BYTE_PTR B;
typedef CK_ULONG L;
typedef CK_ULONG_PTR LP;
typedef CK_MECHANISM_PTR M;
typedef CK_OBJECT_HANDLE O;
typedef CK_OBJECT_HANDLE_PTR OP;
typedef CK_ATTRIBUTE_PTR A;

static CK_RV GetOperationState(H h, B state, LP len) { FORWARD(GetOperationState, h, state, len); }
static CK_RV SetOperationState(H h, B state, L len, O enc, O auth) { FORWARD(SetOperationState, h, state, len, enc, auth); }
static CK_RV CreateObject(H h, A t, L n, OP o) { FORWARD(CreateObject, h, t, n, o); }
static CK_RV EncryptInit(H h, M m, O k) { FORWARD(EncryptInit, h, m, k); }
static CK_RV Encrypt(H h, B in, L inl, B out, LP outl) { FORWARD(Encrypt, h, in, inl, out, outl); }
static CK_RV EncryptUpdate(H h, B in, L inl, B out, LP outl) { FORWARD(EncryptUpdate, h, in, inl, out, outl); }
static CK_RV EncryptFinal(H h, B out, LP outl) { FORWARD(EncryptFinal, h, out, outl); }
static CK_RV DecryptInit(H h, M m, O k) { FORWARD(DecryptInit, h, m, k); }
static CK_RV Decrypt(H h, B in, L inl, B out, LP outl) { FORWARD(Decrypt, h, in, inl, out, outl); }
static CK_RV DecryptUpdate(H h, B in, L inl, B out, LP outl) { FORWARD(DecryptUpdate, h, in, inl, out, outl); }
static CK_RV DecryptFinal(H h, B out, LP outl) { FORWARD(DecryptFinal, h, out, outl); }
static CK_RV DigestInit(H h, M m) { FORWARD(DigestInit, h, m); }
static CK_RV Digest(H h, B in, L inl, B out, LP outl) { FORWARD(Digest, h, in, inl, out, outl); }
static CK_RV DigestUpdate(H h, B in, L inl) { FORWARD(DigestUpdate, h, in, inl); }
static CK_RV DigestKey(H h, O k) { FORWARD(DigestKey, h, k); }
static CK_RV DigestFinal(H h, B out, LP outl) { FORWARD(DigestFinal, h, out, outl); }
static CK_RV SignInit(H h, M m, O k) { FORWARD(SignInit, h, m, k); }
static CK_RV Sign(H h, B in, L inl, B out, LP outl) { FORWARD(Sign, h, in, inl, out, outl); }
static CK_RV SignUpdate(H h, B in, L inl) { FORWARD(SignUpdate, h, in, inl); }
static CK_RV SignFinal(H h, B out, LP outl) { FORWARD(SignFinal, h, out, outl); }
static CK_RV SignRecoverInit(H h, M m, O k) { FORWARD(SignRecoverInit, h, m, k); }
static CK_RV SignRecover(H h, B in, L inl, B out, LP outl) { FORWARD(SignRecover, h, in, inl, out, outl); }
static CK_RV VerifyInit(H h, M m, O k) { FORWARD(VerifyInit, h, m, k); }
static CK_RV Verify(H h, B in, L inl, B sig, L sigl) { FORWARD(Verify, h, in, inl, sig, sigl); }
static CK_RV VerifyUpdate(H h, B in, L inl) { FORWARD(VerifyUpdate, h, in, inl); }
static CK_RV VerifyFinal(H h, B sig, L sigl) { FORWARD(VerifyFinal, h, sig, sigl); }
static CK_RV VerifyRecoverInit(H h, M m, O k) { FORWARD(VerifyRecoverInit, h, m, k); }
static CK_RV VerifyRecover(H h, B sig, L sigl, B out, LP outl) { FORWARD(VerifyRecover, h, sig, sigl, out, outl); }
static CK_RV DigestEncryptUpdate(H h, B in, L inl, B out, LP outl) { FORWARD(DigestEncryptUpdate, h, in, inl, out, outl); }
static CK_RV DecryptDigestUpdate(H h, B in, L inl, B out, LP outl) { FORWARD(DecryptDigestUpdate, h, in, inl, out, outl); }
static CK_RV SignEncryptUpdate(H h, B in, L inl, B out, LP outl) { FORWARD(SignEncryptUpdate, h, in, inl, out, outl); }
static CK_RV DecryptVerifyUpdate(H h, B in, L inl, B out, LP outl) { FORWARD(DecryptVerifyUpdate, h, in, inl, out, outl); }
static CK_RV GenerateKey(H h, M m, A t, L n, OP k) { FORWARD(GenerateKey, h, m, t, n, k); }
static CK_RV GenerateKeyPair(H h, M m, A pub, L npub, A priv, L npriv, OP kpub, OP kpriv) {
  FORWARD(GenerateKeyPair, h, m, pub, npub, priv, npriv, kpub, kpriv);
}
static CK_RV WrapKey(H h, M m, O wrapping, O key, B out, LP outl) { FORWARD(WrapKey, h, m, wrapping, key, out, outl); }
static CK_RV UnwrapKey(H h, M m, O unwrapping, B in, L inl, A t, L n, OP k) {
  FORWARD(UnwrapKey, h, m, unwrapping, in, inl, t, n, k);
}
static CK_RV DeriveKey(H h, M m, O base, A t, L n, OP k) { FORWARD(DeriveKey, h, m, base, t, n, k); }
static CK_RV SeedRandom(H h, B seed, L len) { FORWARD(SeedRandom, h, seed, len); }
static CK_RV GenerateRandom(H h, B out, L len) { FORWARD(GenerateRandom, h, out, len); }
static CK_RV GetFunctionStatus(H h) { FORWARD0(GetFunctionStatus, h); }
static CK_RV CancelFunction(H h) { FORWARD0(CancelFunction, h); }

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list);

static CK_FUNCTION_LIST functions = {
    .version = {2, 40},
    .C_Initialize = sim_C_Initialize,
    .C_Finalize = sim_C_Finalize,
    .C_GetInfo = sim_C_GetInfo,
    .C_GetFunctionList = C_GetFunctionList,
    .C_GetSlotList = sim_C_GetSlotList,
    .C_GetSlotInfo = sim_C_GetSlotInfo,
    .C_GetTokenInfo = sim_C_GetTokenInfo,
    .C_GetMechanismList = sim_C_GetMechanismList,
    .C_GetMechanismInfo = sim_C_GetMechanismInfo,
    .C_InitToken = sim_C_InitToken,
    .C_InitPIN = sim_C_InitPIN,
    .C_SetPIN = sim_C_SetPIN,
    .C_OpenSession = sim_C_OpenSession,
    .C_CloseSession = sim_C_CloseSession,
    .C_CloseAllSessions = sim_C_CloseAllSessions,
    .C_GetSessionInfo = sim_C_GetSessionInfo,
    .C_GetOperationState = GetOperationState,
    .C_SetOperationState = SetOperationState,
    .C_Login = sim_C_Login,
    .C_Logout = sim_C_Logout,
    .C_CreateObject = CreateObject,
    .C_CopyObject = sim_C_CopyObject,
    .C_DestroyObject = sim_C_DestroyObject,
    .C_GetObjectSize = sim_C_GetObjectSize,
    .C_GetAttributeValue = sim_C_GetAttributeValue,
    .C_SetAttributeValue = sim_C_SetAttributeValue,
    .C_FindObjectsInit = sim_C_FindObjectsInit,
    .C_FindObjects = sim_C_FindObjects,
    .C_FindObjectsFinal = sim_C_FindObjectsFinal,
    .C_EncryptInit = EncryptInit,
    .C_Encrypt = Encrypt,
    .C_EncryptUpdate = EncryptUpdate,
    .C_EncryptFinal = EncryptFinal,
    .C_DecryptInit = DecryptInit,
    .C_Decrypt = Decrypt,
    .C_DecryptUpdate = DecryptUpdate,
    .C_DecryptFinal = DecryptFinal,
    .C_DigestInit = DigestInit,
    .C_Digest = Digest,
    .C_DigestUpdate = DigestUpdate,
    .C_DigestKey = DigestKey,
    .C_DigestFinal = DigestFinal,
    .C_SignInit = SignInit,
    .C_Sign = Sign,
    .C_SignUpdate = SignUpdate,
    .C_SignFinal = SignFinal,
    .C_SignRecoverInit = SignRecoverInit,
    .C_SignRecover = SignRecover,
    .C_VerifyInit = VerifyInit,
    .C_Verify = Verify,
    .C_VerifyUpdate = VerifyUpdate,
    .C_VerifyFinal = VerifyFinal,
    .C_VerifyRecoverInit = VerifyRecoverInit,
    .C_VerifyRecover = VerifyRecover,
    .C_DigestEncryptUpdate = DigestEncryptUpdate,
    .C_DecryptDigestUpdate = DecryptDigestUpdate,
    .C_SignEncryptUpdate = SignEncryptUpdate,
    .C_DecryptVerifyUpdate = DecryptVerifyUpdate,
    .C_GenerateKey = GenerateKey,
    .C_GenerateKeyPair = GenerateKeyPair,
    .C_WrapKey = WrapKey,
    .C_UnwrapKey = UnwrapKey,
    .C_DeriveKey = DeriveKey,
    .C_SeedRandom = SeedRandom,
    .C_GenerateRandom = GenerateRandom,
    .C_GetFunctionStatus = GetFunctionStatus,
    .C_CancelFunction = CancelFunction,
    .C_WaitForSlotEvent = sim_C_WaitForSlotEvent,
};

__attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (list == NULL) return CKR_ARGUMENTS_BAD;
  *list = &functions;
  return CKR_OK;
}
