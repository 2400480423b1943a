/* The latency floor under every ZeroMQ round trip: a plain TCP ping-pong
 * over loopback, no libzmq. Compiled twice by the runner, as tcp_local_lat
 * (-DTCP_LAT_LOCAL: binds, echoes) and tcp_remote_lat (connects, measures),
 * with the arguments and output lines of libzmq's local_lat/remote_lat:
 *
 *   tcp_local_lat  tcp://127.0.0.1:PORT <message-size> <roundtrip-count>
 *   tcp_remote_lat tcp://127.0.0.1:PORT <message-size> <roundtrip-count>
 *
 * Each round trip is one write of <message-size> bytes and one read of as
 * many back, with TCP_NODELAY on both ends (libzmq sets it too): the
 * kernel's loopback cost, two wake-ups per round trip, and nothing else. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void die (const char *call)
{
    printf ("error in %s: %s\n", call, strerror (errno));
    exit (1);
}

/* Reads or writes exactly n bytes. */
static void full (int fd, char *buf, size_t n, int writing)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = writing ? write (fd, buf + done, n - done)
                            : read (fd, buf + done, n - done);
        if (r <= 0)
            die (writing ? "write" : "read");
        done += (size_t) r;
    }
}

int main (int argc, char *argv[])
{
    struct sockaddr_in addr;
    int fd, one = 1, count, i;
    size_t size;
    char *buf;
    const char *port;
    if (argc != 4 || strncmp (argv[1], "tcp://127.0.0.1:", 16) != 0) {
        printf ("usage: %s tcp://127.0.0.1:<port> <message-size> "
                "<roundtrip-count>\n",
                argv[0]);
        return 1;
    }
    port = argv[1] + 16;
    size = (size_t) atoi (argv[2]);
    count = atoi (argv[3]);
    buf = calloc (size ? size : 1, 1);
    if (!buf)
        die ("calloc");
    memset (&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons ((unsigned short) atoi (port));
    addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    fd = socket (AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        die ("socket");
#ifdef TCP_LAT_LOCAL
    {
        int conn;
        if (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0)
            die ("setsockopt");
        if (bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
            die ("bind");
        if (listen (fd, 1) != 0)
            die ("listen");
        conn = accept (fd, NULL, NULL);
        if (conn < 0)
            die ("accept");
        if (setsockopt (conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one))
            die ("setsockopt");
        for (i = 0; i != count; i++) {
            full (conn, buf, size, 0);
            full (conn, buf, size, 1);
        }
        close (conn);
    }
#else
    {
        struct timespec start, stop;
        double elapsed_us;
        int tries;
        /* The local side may not listen yet: retry for up to 5 s, as a
         * ZeroMQ connect would. */
        for (tries = 0;
             connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0;
             tries++) {
            if (tries == 500)
                die ("connect");
            close (fd);
            usleep (10000);
            fd = socket (AF_INET, SOCK_STREAM, 0);
            if (fd < 0)
                die ("socket");
        }
        if (setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one))
            die ("setsockopt");
        clock_gettime (CLOCK_MONOTONIC, &start);
        for (i = 0; i != count; i++) {
            full (fd, buf, size, 1);
            full (fd, buf, size, 0);
        }
        clock_gettime (CLOCK_MONOTONIC, &stop);
        elapsed_us = (double) (stop.tv_sec - start.tv_sec) * 1e6
                     + (double) (stop.tv_nsec - start.tv_nsec) / 1e3;
        printf ("message size: %d [B]\n", (int) size);
        printf ("roundtrip count: %d\n", count);
        printf ("average latency: %.3f [us]\n", elapsed_us / (count * 2));
    }
#endif
    close (fd);
    free (buf);
    return 0;
}
