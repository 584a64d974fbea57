/*
 * A stand-in for hyperkit in the lab. Started (through host-bridge's shim) in the network
 * namespace that stands for the Mac, it reads its arguments as hyperkit would, and for
 * "-s <slot>:0,virtio-tap,<device>,mac=<mac>":
 *   - opens the tap device <device> there, as hyperkit opens /dev/tapN (a failure is only
 *     logged, as hyperkit does), and clears the interface's IPv4 addresses and takes it down,
 *     as a freshly opened tuntaposx interface is;
 *   - creates the VM's NIC in the Docker engine's namespace (HB_LAB_VM_NETNS, default
 *     /proc/1/ns/net): a tap device named "vm<device>" with that MAC;
 *   - moves Ethernet frames between the two until it is stopped. The VM's NIC goes away
 *     with the process.
 * Every argument it was given is written, NUL-separated, to HB_LAB_ARGV_LOG if set.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) {
  (void) sig;
  stopping = 1;
}

static int open_tap(const char *name) {
  int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

static int parse_mac(const char *text, unsigned char mac[6]) {
  unsigned int b[6];
  if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6) {
    return -1;
  }
  for (int i = 0; i < 6; i++) {
    mac[i] = (unsigned char) b[i];
  }
  return 0;
}

static int set_mac(const char *name, const unsigned char mac[6]) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) {
    return -1;
  }
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
  ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
  memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
  int rc = ioctl(s, SIOCSIFHWADDR, &ifr);
  close(s);
  return rc;
}

static void run_ip(const char *a, const char *b, const char *c, const char *d, const char *e) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execlp("ip", "ip", a, b, c, d, e, (char *) NULL);
    _exit(127);
  }
  if (pid > 0) {
    waitpid(pid, NULL, 0);
  }
}

static void log_argv(int argc, char **argv) {
  const char *path = getenv("HB_LAB_ARGV_LOG");
  if (path == NULL) {
    return;
  }
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return;
  }
  for (int i = 1; i < argc; i++) {
    fwrite(argv[i], 1, strlen(argv[i]) + 1, f);
  }
  fclose(f);
}

/* Finds "virtio-tap,<device>[,mac=<mac>]" in an -s value. */
static int parse_tap(const char *value, char device[IFNAMSIZ], char mac[18]) {
  const char *tap = strstr(value, ",virtio-tap,");
  if (tap == NULL) {
    return -1;
  }
  tap += strlen(",virtio-tap,");
  size_t n = strcspn(tap, ",");
  if (n == 0 || n >= IFNAMSIZ) {
    return -1;
  }
  memcpy(device, tap, n);
  device[n] = '\0';
  mac[0] = '\0';
  const char *m = strstr(tap + n, ",mac=");
  if (m != NULL) {
    strncpy(mac, m + 5, 17);
    mac[17] = '\0';
  }
  return 0;
}

static void idle(void) {
  while (!stopping) {
    pause();
  }
}

int main(int argc, char **argv) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  log_argv(argc, argv);

  char device[IFNAMSIZ] = "";
  char mac_text[18] = "";
  for (int i = 1; i < argc; i++) {
    const char *value = NULL;
    if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
      value = argv[++i];
    } else if (strncmp(argv[i], "-s", 2) == 0 && argv[i][2] != '\0') {
      value = argv[i] + 2;
    }
    if (value != NULL && device[0] == '\0') {
      parse_tap(value, device, mac_text);
    }
  }
  fprintf(stderr, "fake-hyperkit: started, pid %d, tap device '%s', mac '%s'\n", (int) getpid(), device, mac_text);
  if (device[0] == '\0') {
    idle();
    return 0;
  }

  const char *vm_netns = getenv("HB_LAB_VM_NETNS");
  int vm_ns = open(vm_netns != NULL ? vm_netns : "/proc/1/ns/net", O_RDONLY | O_CLOEXEC);
  if (vm_ns < 0) {
    perror("fake-hyperkit: open the VM's namespace");
    return 1;
  }
  int host = open_tap(device);
  if (host < 0) {
    fprintf(stderr, "fake-hyperkit: open of tap device /dev/%s failed: %s\n", device, strerror(errno));
    idle();
    return 0;
  }
  run_ip("-4", "addr", "flush", "dev", device);
  run_ip("link", "set", "dev", device, "down");

  if (setns(vm_ns, CLONE_NEWNET) < 0) {
    perror("fake-hyperkit: setns");
    return 1;
  }
  char vm_name[IFNAMSIZ];
  snprintf(vm_name, sizeof vm_name, "vm%s", device);
  int vm = open_tap(vm_name);
  if (vm < 0) {
    perror("fake-hyperkit: create the VM's NIC");
    return 1;
  }
  unsigned char mac[6];
  if (mac_text[0] != '\0' && parse_mac(mac_text, mac) == 0 && set_mac(vm_name, mac) < 0) {
    perror("fake-hyperkit: set the VM NIC's MAC");
    return 1;
  }
  fprintf(stderr, "fake-hyperkit: %s <-> %s\n", device, vm_name);

  static unsigned char frame[65536];
  struct pollfd fds[2] = {{.fd = host, .events = POLLIN}, {.fd = vm, .events = POLLIN}};
  while (!stopping) {
    int ready = poll(fds, 2, 1000);
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      perror("fake-hyperkit: poll");
      return 1;
    }
    for (int i = 0; i < 2; i++) {
      if (fds[i].revents & POLLIN) {
        ssize_t n = read(fds[i].fd, frame, sizeof frame);
        if (n > 0) {
          /* A frame the other side cannot take (its link is down) is dropped, as on a wire. */
          ssize_t written = write(fds[1 - i].fd, frame, (size_t) n);
          (void) written;
        }
      }
    }
  }
  return 0;
}
