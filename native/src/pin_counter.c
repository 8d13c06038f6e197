/*
 * Wrong-PIN counters, one file per token (<state>/pins-<SERIAL>), so a lock survives
 * the application's restart the way it survives on the hardware. Every
 * read-check-forward-write runs under an flock on <state>/pins.lock, so two processes
 * logging in at once cannot both spend the last try.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "sim.h"

int sim_pins_lock(void) {
  char path[PATH_MAX];
  sim_state_path(path, sizeof path, "pins.lock");
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (flock(fd, LOCK_EX) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void sim_pins_unlock(int fd) {
  if (fd < 0) return;
  flock(fd, LOCK_UN);
  close(fd);
}

static void counts_path(char *out, size_t size, const char *serial) {
  char name[32];
  snprintf(name, sizeof name, "pins-%s", serial);
  sim_state_path(out, size, name);
}

void sim_pins_load(const char *serial, sim_pin_counts *counts) {
  char path[PATH_MAX];
  counts_path(path, sizeof path, serial);
  counts->user_failures = 0;
  counts->so_failures = 0;
  counts->user_pin_set_at = 0;
  FILE *file = fopen(path, "re");
  if (file == NULL) return;
  char line[128];
  unsigned long value;
  long long at;
  while (fgets(line, sizeof line, file) != NULL) {
    if (sscanf(line, "user-failures %lu", &value) == 1) counts->user_failures = value;
    else if (sscanf(line, "so-failures %lu", &value) == 1) counts->so_failures = value;
    else if (sscanf(line, "user-pin-set-at %lld", &at) == 1) counts->user_pin_set_at = at;
  }
  fclose(file);
}

int sim_pins_store(const char *serial, const sim_pin_counts *counts) {
  char path[PATH_MAX], content[128];
  counts_path(path, sizeof path, serial);
  snprintf(content, sizeof content, "user-failures %lu\nso-failures %lu\nuser-pin-set-at %lld\n", counts->user_failures,
           counts->so_failures, counts->user_pin_set_at);
  return sim_write_file_atomic(path, content);
}

/* PKCS#11 v2.40 §3.2: COUNT_LOW once a wrong PIN was given, FINAL_TRY when one try is left, LOCKED at none. */
static CK_FLAGS flags_for(unsigned long failures, unsigned long max, CK_FLAGS count_low, CK_FLAGS final_try,
                          CK_FLAGS locked) {
  if (failures >= max) return locked;
  CK_FLAGS flags = 0;
  if (failures > 0) flags |= count_low;
  if (max - failures == 1) flags |= final_try;
  return flags;
}

CK_FLAGS sim_pin_flags(const sim_pin_counts *counts, unsigned long max) {
  return flags_for(counts->user_failures, max, CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY,
                   CKF_USER_PIN_LOCKED) |
         flags_for(counts->so_failures, max, CKF_SO_PIN_COUNT_LOW, CKF_SO_PIN_FINAL_TRY, CKF_SO_PIN_LOCKED);
}
