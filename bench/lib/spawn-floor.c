/*
 * The spawn floor: what running a hook costs with nothing around it. posix_spawn the hook with
 * the given argv and environment, write the stdin bytes, read stdout/stderr to EOF, waitpid,
 * check the status; N times. Prints {"calls":N,"ms":...,"failures":F}.
 * usage: spawn-floor N STDIN_FILE ENV_FILE HOOK ARG...   (ENV_FILE: NUL-separated NAME=value)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *length) {
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) { perror(path); exit(2); }
  char *data = malloc(st.st_size + 1);
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t r = read(fd, data + got, st.st_size - got);
    if (r <= 0) break;
    got += r;
  }
  close(fd);
  data[got] = 0;
  *length = got;
  return data;
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: spawn-floor N STDIN_FILE ENV_FILE HOOK ARG...\n"); return 2; }
  int n = atoi(argv[1]);
  size_t in_length, env_length;
  char *in = slurp(argv[2], &in_length);
  char *env_data = slurp(argv[3], &env_length);
  char *env[256];
  int envc = 0;
  for (size_t i = 0; i < env_length && envc < 255; i += strlen(env_data + i) + 1) env[envc++] = env_data + i;
  env[envc] = NULL;
  char **args = argv + 4;
  char buffer[65536];
  int failures = 0;
  /* A hook may exit without reading: EPIPE, not death, for us; default SIGPIPE for it (as virExec). */
  signal(SIGPIPE, SIG_IGN);
  posix_spawnattr_t attr;
  sigset_t defaults;
  posix_spawnattr_init(&attr);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int call = 0; call < n; call++) {
    int pin[2], pout[2], perr[2];
    if (pipe2(pin, O_CLOEXEC) || pipe2(pout, O_CLOEXEC) || pipe2(perr, O_CLOEXEC)) { perror("pipe"); return 2; }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pin[0], 0);
    posix_spawn_file_actions_adddup2(&actions, pout[1], 1);
    posix_spawn_file_actions_adddup2(&actions, perr[1], 2);
    pid_t pid;
    int rc = posix_spawn(&pid, args[0], &actions, &attr, args, env);
    posix_spawn_file_actions_destroy(&actions);
    close(pin[0]); close(pout[1]); close(perr[1]);
    if (rc != 0) { errno = rc; perror(args[0]); return 2; }
    fcntl(pin[1], F_SETFL, O_NONBLOCK);
    size_t written = 0;
    int fds[3] = { pin[1], pout[0], perr[0] };
    if (in_length == 0) { close(fds[0]); fds[0] = -1; }
    while (fds[0] >= 0 || fds[1] >= 0 || fds[2] >= 0) {
      struct pollfd p[3];
      for (int i = 0; i < 3; i++) { p[i].fd = fds[i]; p[i].events = i == 0 ? POLLOUT : POLLIN; p[i].revents = 0; }
      if (poll(p, 3, -1) < 0 && errno != EINTR) { perror("poll"); return 2; }
      if (fds[0] >= 0 && p[0].revents) {
        ssize_t w = write(fds[0], in + written, in_length - written);
        if (w > 0) written += w;
        if ((w < 0 && errno != EAGAIN) || written == in_length) { close(fds[0]); fds[0] = -1; }
      }
      for (int i = 1; i < 3; i++) {
        if (fds[i] < 0 || !p[i].revents) continue;
        if (read(fds[i], buffer, sizeof buffer) <= 0) { close(fds[i]); fds[i] = -1; }
      }
    }
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failures++;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
  printf("{\"calls\":%d,\"ms\":%.3f,\"failures\":%d}\n", n, ms, failures);
  return 0;
}
