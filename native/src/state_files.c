/*
 * Files in the state dir are replaced, never rewritten in place: a reader in another
 * process (the control CLI, a second test process) sees the old or the new content,
 * never half of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

void sim_state_path(char *out, size_t size, const char *name) {
  snprintf(out, size, "%s/%s", sim.state_dir, name);
}

int sim_write_file_atomic(const char *path, const char *content) {
  char tmp[PATH_MAX + 32];
  snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  size_t length = strlen(content);
  size_t done = 0;
  while (done < length) {
    ssize_t n = write(fd, content + done, length - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      close(fd);
      unlink(tmp);
      return -1;
    }
    done += (size_t)n;
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    unlink(tmp);
    return -1;
  }
  if (rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}
