/*
 * The eToken simulator's shared state: the slots it shows (one per initialized
 * token of the wrapped module), the sessions it hands out, and what the control
 * file says (removals, faults, retry maximum). Every field here is guarded by
 * sim.lock; calls into the wrapped module are made without holding it so one
 * slow key generation never stalls the other threads.
 */
#ifndef ETOKENSIM_SIM_H
#define ETOKENSIM_SIM_H

#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "../include/pkcs11.h"

#define SIM_MAX_SLOTS 16
#define SIM_SERIAL_LEN 8
#define SIM_DEFAULT_MAX_RETRIES 15UL

/*
 * SafeNet's PKCS#11 extension (eTPkcs11.h of SafeNet Authentication Client), the part
 * the sim speaks: two hardware-feature objects per token. Documented in native/README.md;
 * the core's numbers are in src/core/pkcs11/safenet-extension.ts.
 */
#define ETCKH_TOKEN_OBJECT 0x80005002UL
#define ETCKH_PIN_POLICY 0x80005003UL
#define ETCKA_PRODUCT_NAME 0x80001101UL
#define ETCKA_MODEL 0x80001102UL
#define ETCKA_FW_REVISION 0x80001104UL
#define ETCKA_PRODUCTION_DATE 0x80001107UL
#define ETCKA_TOKEN_ID 0x80001109UL
#define ETCKA_COLOR 0x8000110eUL
#define ETCKA_RETRY_USER 0x80001110UL
#define ETCKA_RETRY_SO 0x80001111UL
#define ETCKA_RETRY_USER_MAX 0x80001112UL
#define ETCKA_RETRY_SO_MAX 0x80001113UL
#define ETCKA_HAS_SO 0x8000111dUL
#define ETCKA_FIPS 0x8000111eUL
#define ETCKA_RSA_2048 0x80001121UL
#define ETCKA_RSA_AREA_SIZE 0x80001129UL
#define ETCKA_USER_PIN_AGE 0x8000112bUL
#define ETCKA_PIN_MIN_LEN 0x80001202UL
#define ETCKA_PIN_MIX_CHARS 0x80001203UL
#define ETCKA_PIN_MAX_AGE 0x80001204UL
#define ETCKA_PIN_HISTORY_SIZE 0x80001207UL
/* The feature objects' handles in every session: far above SoftHSM's small counters. */
#define SIM_TOKEN_OBJECT ((CK_OBJECT_HANDLE)0x7E5A5002UL)
#define SIM_PIN_POLICY_OBJECT ((CK_OBJECT_HANDLE)0x7E5A5003UL)
#define SIM_FEATURE_COUNT 2

/* The password policy the ETCKH_PIN_POLICY object reports and C_InitPIN/C_SetPIN enforce. */
typedef struct sim_pin_policy {
  unsigned long min_len;
  int mix_chars;
  unsigned long max_age;
  unsigned long history_size;
} sim_pin_policy;
#define SIM_DEFAULT_PIN_MIN_LEN 4UL

typedef struct sim_slot {
  CK_SLOT_ID target_slot;
  char serial[SIM_SERIAL_LEN + 1];
  char target_serial[17];
  char label[33];
  int present;             /* as the control file says */
  int legacy;              /* the control file says: an old 1024-bit-only eToken */
  unsigned long removals;  /* how often the control file says it was pulled out */
  unsigned long epoch;     /* bumps each time this process notices a removal */
  int reported_present;    /* what C_WaitForSlotEvent last told the caller */
  unsigned long reported_epoch;
} sim_slot;

typedef struct sim_session {
  CK_SESSION_HANDLE handle;
  CK_SESSION_HANDLE target;
  size_t slot;
  CK_FLAGS flags;
  int removed;       /* token pulled out: the next call reports CKR_DEVICE_REMOVED */
  unsigned find_features; /* bit i: the running search still has to return feature object i */
  struct sim_session *next;
} sim_session;

typedef struct sim_fault {
  unsigned long id;
  char function[48];
  CK_RV rv;
  unsigned long after;  /* this many matching calls pass first */
  int once;
  char serial[SIM_SERIAL_LEN + 1]; /* empty: every token */
  unsigned long calls;  /* matching calls seen by this process */
} sim_fault;

typedef struct sim_control_stamp {
  int exists;
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime;
} sim_control_stamp;

typedef struct sim_state {
  pthread_mutex_t lock;
  pthread_mutex_t pin_lock; /* serializes C_Login & co. so a counter never races its own check */
  int initialized;
  void *target_dl;
  CK_FUNCTION_LIST_PTR target;
  char state_dir[PATH_MAX];
  sim_slot slots[SIM_MAX_SLOTS];
  size_t slot_count;
  sim_session *sessions;
  CK_SESSION_HANDLE next_handle;
  sim_fault *faults;
  size_t fault_count;
  unsigned long max_retries;
  sim_pin_policy policy;
  sim_control_stamp stamp;
} sim_state;

extern sim_state sim;

/* control_file.c — reads what `npm run sim` wrote; caller holds sim.lock. */
void sim_control_refresh(void);
void sim_control_free(void);
/* A fault that fires for this call, or CKR_OK. slot < 0: the call names no token. */
CK_RV sim_fault_check(const char *function, long slot);

/* pin_counter.c — wrong-PIN counters persisted per token in the state dir. */
typedef struct sim_pin_counts {
  unsigned long user_failures;
  unsigned long so_failures;
  long long user_pin_set_at; /* Unix time the user PIN was last set through the sim; 0: not seen */
} sim_pin_counts;
int sim_pins_lock(void);           /* returns an fd to pass to sim_pins_unlock, or -1 */
void sim_pins_unlock(int fd);
void sim_pins_load(const char *serial, sim_pin_counts *counts);
int sim_pins_store(const char *serial, const sim_pin_counts *counts);
CK_FLAGS sim_pin_flags(const sim_pin_counts *counts, unsigned long max);

/* feature_objects.c — SafeNet's hardware-feature objects. Caller holds sim.lock. */
unsigned sim_features_selected(CK_ATTRIBUTE_PTR templ, CK_ULONG count, size_t slot);
CK_OBJECT_HANDLE sim_feature_handle(unsigned index);
int sim_is_feature_object(CK_OBJECT_HANDLE object);
CK_RV sim_feature_attributes(CK_OBJECT_HANDLE object, size_t slot, CK_ATTRIBUTE_PTR templ, CK_ULONG count);
/* pin_policy.c — the new user PIN against sim.policy: CKR_OK, CKR_PIN_LEN_RANGE or CKR_PIN_INVALID. */
CK_RV sim_pin_policy_check(const CK_UTF8CHAR *pin, CK_ULONG length);

/* state_files.c */
int sim_write_file_atomic(const char *path, const char *content);
void sim_state_path(char *out, size_t size, const char *name);

/* gate.c — the checks every call passes before it reaches the wrapped module. */
CK_RV sim_enter_global(const char *function);
CK_RV sim_enter_slot(const char *function, CK_SLOT_ID slot, int needs_token, CK_SLOT_ID *target);
CK_RV sim_enter_session(const char *function, CK_SESSION_HANDLE handle, CK_SESSION_HANDLE *target, size_t *slot);
sim_session *sim_session_find(CK_SESSION_HANDLE handle);
void sim_session_drop(sim_session *session);
void sim_sessions_free_all(void);

/* module.c */
void sim_pad(unsigned char *out, size_t size, const char *text);

/* serial.c */
void sim_serial_from_target(const unsigned char target_serial[16], char out[SIM_SERIAL_LEN + 1],
                            char trimmed[17]);

#endif
