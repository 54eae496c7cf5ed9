/*
 * A Kafka protocol peer for tests on machines without Docker: librdkafka's mock cluster.
 * Usage: kafka-mock-cluster BROKERS PARTITIONS TOPIC...
 * Creates the topics (kafkajs admin.createTopics fails against the mock: its metadata names
 * controller 0 while brokers start at 1), prints the bootstrap address on one line, and runs
 * until SIGTERM or SIGINT.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * The mock brokers' connections without Nagle's algorithm, as Kafka's brokers accept theirs
 * (TCP_NODELAY): librdkafka's mock leaves it on, so the second of two answers written back to
 * back (a consumer's offset commits, one per partition) waited for the client's delayed ACK,
 * 40 ms. librdkafka calls accept() for each connection; this definition comes first.
 */
int accept(int fd, struct sockaddr *address, socklen_t *length) {
  static int (*accepted)(int, struct sockaddr *, socklen_t *) = NULL;
  if (accepted == NULL) accepted = (int (*)(int, struct sockaddr *, socklen_t *))dlsym(RTLD_NEXT, "accept");
  int socket = accepted(fd, address, length);
  if (socket >= 0) {
    int on = 1;
    setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  }
  return socket;
}

static volatile sig_atomic_t stopping = 0;

static void on_signal(int signum) {
  (void)signum;
  stopping = 1;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s BROKERS PARTITIONS TOPIC...\n", argv[0]);
    return 2;
  }
  int brokers = atoi(argv[1]);
  int partitions = atoi(argv[2]);
  if (brokers < 1 || partitions < 1) {
    fprintf(stderr, "BROKERS and PARTITIONS must be >= 1\n");
    return 2;
  }
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The mock cluster lives inside a client handle; this one is never used to produce. */
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == NULL) {
    fprintf(stderr, "cannot create a librdkafka handle: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (cluster == NULL) {
    fprintf(stderr, "cannot create the mock cluster\n");
    rd_kafka_destroy(rk);
    return 1;
  }
  for (int i = 3; i < argc; i++) {
    rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(cluster, argv[i], partitions, brokers < 3 ? brokers : 3);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      fprintf(stderr, "cannot create topic %s: %s\n", argv[i], rd_kafka_err2str(err));
      return 1;
    }
  }
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);
  while (!stopping) usleep(100 * 1000);
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
