/*
 * The calls that check a PIN. SoftHSM never locks, so the sim keeps the count: it
 * refuses with CKR_PIN_LOCKED before forwarding when no try is left, and otherwise
 * learns "wrong" from the wrapped module's CKR_PIN_INCORRECT. The PIN itself only
 * passes through; it is never stored or printed.
 */
#include <string.h>
#include <time.h>

#include "entry_points.h"
#include "sim.h"

typedef enum { PIN_USER, PIN_SO } pin_owner;

typedef CK_RV (*pin_call)(void *context);

static unsigned long *failures_of(sim_pin_counts *counts, pin_owner owner) {
  return owner == PIN_SO ? &counts->so_failures : &counts->user_failures;
}

/*
 * Runs one PIN-checking call against the counter of `owner`. on_success says what a
 * right answer resets: the owner's own counter, plus the user's (C_InitToken); or the
 * owner's (the user) and it notes when the user PIN was set (the user's C_SetPIN).
 */
typedef enum { RESET_OWNER, RESET_OWNER_AND_USER, RESET_OWNER_AND_MARK_USER_PIN } reset_rule;

static CK_RV counted(size_t slot, pin_owner owner, reset_rule on_success, pin_call call, void *context) {
  pthread_mutex_lock(&sim.lock);
  char serial[SIM_SERIAL_LEN + 1];
  memcpy(serial, sim.slots[slot].serial, sizeof serial);
  unsigned long max = sim.max_retries;
  pthread_mutex_unlock(&sim.lock);

  pthread_mutex_lock(&sim.pin_lock);
  int lock_fd = sim_pins_lock();
  sim_pin_counts counts;
  sim_pins_load(serial, &counts);
  unsigned long *failures = failures_of(&counts, owner);
  CK_RV rv;
  if (lock_fd < 0) {
    rv = CKR_DEVICE_ERROR; /* without the lock the count could be lost; refuse rather than guess */
  } else if (*failures >= max) {
    rv = CKR_PIN_LOCKED;
  } else {
    rv = call(context);
    int changed = 0;
    if (rv == CKR_PIN_INCORRECT) {
      (*failures)++;
      changed = 1;
    } else if (rv == CKR_OK) {
      changed = *failures != 0 || (on_success == RESET_OWNER_AND_USER && counts.user_failures != 0) ||
                on_success == RESET_OWNER_AND_MARK_USER_PIN;
      *failures = 0;
      if (on_success == RESET_OWNER_AND_USER) counts.user_failures = 0;
      if (on_success == RESET_OWNER_AND_MARK_USER_PIN) counts.user_pin_set_at = (long long)time(NULL);
    }
    if (changed && sim_pins_store(serial, &counts) != 0 && rv == CKR_OK) rv = CKR_DEVICE_ERROR;
  }
  sim_pins_unlock(lock_fd);
  pthread_mutex_unlock(&sim.pin_lock);
  return rv;
}

static CK_RV policy_check(const CK_UTF8CHAR *pin, CK_ULONG length) {
  if (pin == NULL) return CKR_ARGUMENTS_BAD;
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = sim_pin_policy_check(pin, length);
  pthread_mutex_unlock(&sim.lock);
  return rv;
}

typedef struct login_call {
  CK_SESSION_HANDLE target;
  CK_USER_TYPE user;
  CK_UTF8CHAR_PTR pin;
  CK_ULONG pin_len;
} login_call;

static CK_RV do_login(void *context) {
  login_call *c = context;
  return sim.target->C_Login(c->target, c->user, c->pin, c->pin_len);
}

CK_RV sim_C_Login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len) {
  login_call c = {.user = user, .pin = pin, .pin_len = pin_len};
  size_t slot;
  CK_RV rv = sim_enter_session("C_Login", session, &c.target, &slot);
  if (rv != CKR_OK) return rv;
  if (user != CKU_SO && user != CKU_USER && user != CKU_CONTEXT_SPECIFIC) return CKR_USER_TYPE_INVALID;
  /* A context-specific login re-enters the user PIN, so it spends the user's tries. */
  return counted(slot, user == CKU_SO ? PIN_SO : PIN_USER, RESET_OWNER, do_login, &c);
}

typedef struct init_pin_call {
  CK_SESSION_HANDLE target;
  CK_UTF8CHAR_PTR pin;
  CK_ULONG pin_len;
} init_pin_call;

CK_RV sim_C_InitPIN(CK_SESSION_HANDLE session, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len) {
  init_pin_call c = {.pin = pin, .pin_len = pin_len};
  size_t slot;
  CK_RV rv = sim_enter_session("C_InitPIN", session, &c.target, &slot);
  if (rv != CKR_OK) return rv;
  if ((rv = policy_check(pin, pin_len)) != CKR_OK) return rv;
  rv = sim.target->C_InitPIN(c.target, pin, pin_len);
  if (rv != CKR_OK) return rv;
  /* The SO set a new user PIN: the user's lock is lifted and the count starts over. */
  pthread_mutex_lock(&sim.lock);
  char serial[SIM_SERIAL_LEN + 1];
  memcpy(serial, sim.slots[slot].serial, sizeof serial);
  pthread_mutex_unlock(&sim.lock);
  pthread_mutex_lock(&sim.pin_lock);
  int lock_fd = sim_pins_lock();
  sim_pin_counts counts;
  sim_pins_load(serial, &counts);
  counts.user_failures = 0;
  counts.user_pin_set_at = (long long)time(NULL);
  if (lock_fd < 0 || sim_pins_store(serial, &counts) != 0) rv = CKR_DEVICE_ERROR;
  sim_pins_unlock(lock_fd);
  pthread_mutex_unlock(&sim.pin_lock);
  return rv;
}

typedef struct set_pin_call {
  CK_SESSION_HANDLE target;
  CK_UTF8CHAR_PTR old_pin, new_pin;
  CK_ULONG old_len, new_len;
} set_pin_call;

static CK_RV do_set_pin(void *context) {
  set_pin_call *c = context;
  return sim.target->C_SetPIN(c->target, c->old_pin, c->old_len, c->new_pin, c->new_len);
}

CK_RV sim_C_SetPIN(CK_SESSION_HANDLE session, CK_UTF8CHAR_PTR old_pin, CK_ULONG old_len, CK_UTF8CHAR_PTR new_pin,
                   CK_ULONG new_len) {
  set_pin_call c = {.old_pin = old_pin, .old_len = old_len, .new_pin = new_pin, .new_len = new_len};
  size_t slot;
  CK_RV rv = sim_enter_session("C_SetPIN", session, &c.target, &slot);
  if (rv != CKR_OK) return rv;
  /* v2.40: C_SetPIN changes the logged-in user's PIN, or the user PIN when nobody is logged in. */
  CK_SESSION_INFO info;
  pin_owner owner = PIN_USER;
  if (sim.target->C_GetSessionInfo(c.target, &info) == CKR_OK && info.state == CKS_RW_SO_FUNCTIONS) owner = PIN_SO;
  if (owner == PIN_SO) return counted(slot, owner, RESET_OWNER, do_set_pin, &c);
  /* The token refuses a new user PIN its policy forbids before it checks the old one: no try is spent. */
  if ((rv = policy_check(new_pin, new_len)) != CKR_OK) return rv;
  return counted(slot, owner, RESET_OWNER_AND_MARK_USER_PIN, do_set_pin, &c);
}

typedef struct init_token_call {
  CK_SLOT_ID target;
  CK_UTF8CHAR_PTR pin;
  CK_ULONG pin_len;
  CK_UTF8CHAR_PTR label;
} init_token_call;

static CK_RV do_init_token(void *context) {
  init_token_call *c = context;
  return sim.target->C_InitToken(c->target, c->pin, c->pin_len, c->label);
}

CK_RV sim_C_InitToken(CK_SLOT_ID slot, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len, CK_UTF8CHAR_PTR label) {
  init_token_call c = {.pin = pin, .pin_len = pin_len, .label = label};
  CK_RV rv = sim_enter_slot("C_InitToken", slot, 1, &c.target);
  if (rv != CKR_OK) return rv;
  /* Re-initializing checks the SO PIN; success leaves a fresh token with no user PIN and no spent tries. */
  return counted(slot, PIN_SO, RESET_OWNER_AND_USER, do_init_token, &c);
}
