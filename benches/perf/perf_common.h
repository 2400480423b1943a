/* Helpers shared by our C counterparts of the Rust-only perf workloads
 * (copy semantics, multipart). They print the same lines as libzmq's own
 * perf tools so that the runner reads every tool with one parser. */
#ifndef ZMQ_RS_PERF_COMMON_H
#define ZMQ_RS_PERF_COMMON_H

#include <zmq.h>
#include <stdio.h>
#include <stdlib.h>

/* Prints "error in <call>: <strerror>" and exits, like the upstream tools. */
static inline void perf_die (const char *call)
{
    printf ("error in %s: %s\n", call, zmq_strerror (zmq_errno ()));
    exit (1);
}

static inline void perf_check_size (size_t got, size_t want)
{
    if (got != want) {
        printf ("message of incorrect size received\n");
        exit (1);
    }
}

/* Parses "<endpoint> <size> <count>" (or prints the usage line and exits)
 * and opens a context with one socket of `type`, bound (`bind`) or
 * connected to the endpoint. */
static inline void *perf_setup (int argc, char *argv[], const char *usage,
                                int type, int bind, void **ctx, size_t *size,
                                int *count)
{
    void *s;
    const char *endpoint;
    if (argc != 4) {
        printf ("usage: %s\n", usage);
        exit (1);
    }
    endpoint = argv[1];
    *size = (size_t) atoi (argv[2]);
    *count = atoi (argv[3]);
    *ctx = zmq_ctx_new ();
    if (!*ctx)
        perf_die ("zmq_ctx_new");
    s = zmq_socket (*ctx, type);
    if (!s)
        perf_die ("zmq_socket");
    if ((bind ? zmq_bind (s, endpoint) : zmq_connect (s, endpoint)) != 0)
        perf_die (bind ? "zmq_bind" : "zmq_connect");
    return s;
}

/* The application's buffer: `size` zero bytes (at least one). */
static inline char *perf_buffer (size_t size)
{
    char *buf = (char *) calloc (size ? size : 1, 1);
    if (!buf) {
        printf ("out of memory\n");
        exit (1);
    }
    return buf;
}

static inline void perf_close (void *ctx, void *s)
{
    if (zmq_close (s) != 0)
        perf_die ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_die ("zmq_ctx_term");
}

/* local_thr's report: `count` includes the untimed first message. */
static inline void perf_report (size_t size, int count, unsigned long elapsed)
{
    double throughput, megabits;
    if (elapsed == 0)
        elapsed = 1;
    throughput = (double) count / (double) elapsed * 1000000;
    megabits = throughput * (double) size * 8 / 1000000;
    printf ("message size: %d [B]\n", (int) size);
    printf ("message count: %d\n", count);
    printf ("mean throughput: %d [msg/s]\n", (int) throughput);
    printf ("mean throughput: %.3f [Mb/s]\n", megabits);
}

#endif
