/*
 * The control file (<state>/control) is written by `npm run sim` from any process.
 * Each call stats it and re-reads it only when it changed, so a removal or a fault
 * reaches a running application without a restart, at the cost of one stat().
 *
 *   max-retries 15
 *   pin-policy min-len 4 mix-chars 0 max-age 0 history 0
 *   token 1A2B3C4D present 0 removals 2
 *   legacy 1A2B3C4D
 *   fault 7 C_GenerateKeyPair 0x30 after 0 once 1 serial *
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sim.h"

static unsigned long default_max_retries(void) {
  const char *env = getenv("ETOKENSIM_MAX_RETRIES");
  if (env != NULL && *env != '\0') {
    char *end = NULL;
    unsigned long value = strtoul(env, &end, 10);
    if (end != NULL && *end == '\0' && value > 0) return value;
  }
  return SIM_DEFAULT_MAX_RETRIES;
}

static int stamp_equal(const sim_control_stamp *a, const sim_control_stamp *b) {
  if (a->exists != b->exists) return 0;
  if (!a->exists) return 1;
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec &&
         a->mtime.tv_nsec == b->mtime.tv_nsec;
}

static long slot_by_serial(const char *serial) {
  for (size_t i = 0; i < sim.slot_count; i++)
    if (strcasecmp(sim.slots[i].serial, serial) == 0) return (long)i;
  return -1;
}

/* A token pulled out (or pulled and put back since we last looked): its sessions die. */
static void apply_presence(size_t index, int present, unsigned long removals) {
  sim_slot *slot = &sim.slots[index];
  if (removals != slot->removals || (!present && slot->present)) {
    slot->epoch++;
    for (sim_session *s = sim.sessions; s != NULL; s = s->next) {
      if (s->slot != index || s->removed) continue;
      sim.target->C_CloseSession(s->target);
      s->removed = 1;
      s->target = 0;
    }
  }
  slot->present = present;
  slot->removals = removals;
}

static unsigned long previous_calls(const sim_fault *old, size_t old_count, unsigned long id) {
  for (size_t i = 0; i < old_count; i++)
    if (old[i].id == id) return old[i].calls;
  return 0;
}

void sim_control_refresh(void) {
  char path[PATH_MAX];
  sim_state_path(path, sizeof path, "control");
  sim_control_stamp now = {0};
  struct stat st;
  if (stat(path, &st) == 0) {
    now.exists = 1;
    now.dev = st.st_dev;
    now.ino = st.st_ino;
    now.size = st.st_size;
    now.mtime = st.st_mtim;
  }
  if (stamp_equal(&now, &sim.stamp) && sim.max_retries != 0) return;
  sim.stamp = now;

  unsigned long max_retries = default_max_retries();
  sim_pin_policy policy = {.min_len = SIM_DEFAULT_PIN_MIN_LEN};
  int seen[SIM_MAX_SLOTS] = {0};
  int legacy[SIM_MAX_SLOTS] = {0};
  sim_fault *faults = NULL;
  size_t fault_count = 0;

  FILE *file = now.exists ? fopen(path, "re") : NULL;
  if (file != NULL) {
    char line[512];
    while (fgets(line, sizeof line, file) != NULL) {
      char word[48], name[48], serial[32];
      unsigned long a = 0, b = 0, c = 0, d = 0;
      int e = 0;
      if (sscanf(line, "max-retries %lu", &a) == 1 && a > 0) {
        max_retries = a;
      } else if (sscanf(line, "pin-policy min-len %lu mix-chars %d max-age %lu history %lu", &a, &e, &c, &d) == 4) {
        policy.min_len = a;
        policy.mix_chars = e != 0;
        policy.max_age = c;
        policy.history_size = d;
      } else if (sscanf(line, "token %31s present %lu removals %lu", serial, &a, &b) == 3) {
        long index = slot_by_serial(serial);
        if (index >= 0) {
          seen[index] = 1;
          apply_presence((size_t)index, a != 0, b);
        }
      } else if (sscanf(line, "legacy %31s", serial) == 1) {
        long index = slot_by_serial(serial);
        if (index >= 0) legacy[index] = 1;
      } else if (sscanf(line, "fault %lu %47s %lx after %lu once %d serial %31s", &a, name, &c, &d, &e, serial) == 6) {
        sim_fault *grown = realloc(faults, (fault_count + 1) * sizeof *faults);
        if (grown == NULL) break;
        faults = grown;
        sim_fault *f = &faults[fault_count++];
        memset(f, 0, sizeof *f);
        f->id = a;
        snprintf(f->function, sizeof f->function, "%s", name);
        f->rv = (CK_RV)c;
        f->after = d;
        f->once = e != 0;
        if (strcmp(serial, "*") != 0) snprintf(f->serial, sizeof f->serial, "%.8s", serial);
        f->calls = previous_calls(sim.faults, sim.fault_count, a);
      } else if (sscanf(line, "%47s", word) == 1 && word[0] != '#') {
        /* Unknown lines are skipped: a newer CLI may write more than this module reads. */
      }
    }
    fclose(file);
  }
  for (size_t i = 0; i < sim.slot_count; i++) {
    if (!seen[i]) apply_presence(i, 1, sim.slots[i].removals);
    sim.slots[i].legacy = legacy[i];
  }
  free(sim.faults);
  sim.faults = faults;
  sim.fault_count = fault_count;
  sim.max_retries = max_retries;
  sim.policy = policy;
}

void sim_control_free(void) {
  free(sim.faults);
  sim.faults = NULL;
  sim.fault_count = 0;
  memset(&sim.stamp, 0, sizeof sim.stamp);
  sim.max_retries = 0;
}

/* A once-only fault fires in exactly one process: the marker file is created with O_EXCL. */
static int claim_once(unsigned long id) {
  char name[64], path[PATH_MAX];
  snprintf(name, sizeof name, "fired-%lu", id);
  sim_state_path(path, sizeof path, name);
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return 0;
  close(fd);
  return 1;
}

CK_RV sim_fault_check(const char *function, long slot) {
  for (size_t i = 0; i < sim.fault_count; i++) {
    sim_fault *f = &sim.faults[i];
    if (strcmp(f->function, function) != 0) continue;
    if (f->serial[0] != '\0' && (slot < 0 || strcasecmp(f->serial, sim.slots[slot].serial) != 0)) continue;
    f->calls++;
    if (f->calls <= f->after) continue;
    if (f->once && !claim_once(f->id)) continue;
    return f->rv;
  }
  return CKR_OK;
}
