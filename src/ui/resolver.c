/*
 * A resolver thread with a cache.  The UI thread never waits for DNS: it
 * reads the cache under a short lock, and queues misses; the thread
 * resolves queued addresses with getnameinfo() one at a time.  The cache
 * is bounded: when full it is emptied and refilled.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uthash.h>

#include "escape.h"
#include "ui/resolver.h"
#include "util.h"

#define RESOLVER_MAX_ENTRIES	4096
#define RESOLVER_QUEUE		256

struct entry {
	uint8_t		 key[17];	/* version, then 16 address bytes */
	bool		 done;
	char		 name[256];
	UT_hash_handle	 hh;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct entry *cache;
static size_t entries;
static uint8_t queue[RESOLVER_QUEUE][17];
static size_t qhead, qlen;
static bool running, stopping;
static pthread_t thread;
/* A name came (the UI redraws once): set under the lock, and wake_fd
   written, so that a UI asleep in poll() sees it. */
static bool fresh;
static int wake_fd = -1;

/* Resolve one address to a name; false if it has none. */
static bool
lookup(const uint8_t *key, char *name, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len;

	memset(&ss, 0, sizeof ss);
	if (key[0] == 4) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, key + 1, 4);
		len = sizeof *sin;
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, key + 1, 16);
		len = sizeof *sin6;
	}
	return getnameinfo((struct sockaddr *)&ss, len, name, (socklen_t)size,
	    NULL, 0, NI_NAMEREQD) == 0;
}

/* The resolver thread: take queued addresses, resolve, cache. */
static void *
resolver_main(void *arg)
{
	uint8_t key[17];
	char name[256];
	struct entry *e;
	bool found;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		if (qlen == 0) {
			pthread_cond_wait(&wake, &lock);
			continue;
		}
		memcpy(key, queue[qhead], sizeof key);
		qhead = (qhead + 1) % RESOLVER_QUEUE;
		qlen--;
		pthread_mutex_unlock(&lock);
		found = lookup(key, name, sizeof name);
		pthread_mutex_lock(&lock);
		HASH_FIND(hh, cache, key, sizeof key, e);
		if (e != NULL) {
			e->done = true;
			if (found)
				/* A reverse-DNS answer is text from the
				   network: escaped once, here. */
				escape_str(e->name, sizeof e->name, name);
			if (found && !fresh && wake_fd >= 0) {
				fresh = true;
				(void)!write(wake_fd, "r", 1);
			}
		}
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Write fd (non-blocking) when a name arrives. */
void
resolver_set_wake(int fd)
{
	pthread_mutex_lock(&lock);
	wake_fd = fd;
	pthread_mutex_unlock(&lock);
}

/* Did a name arrive since the last call? */
bool
resolver_fresh(void)
{
	bool f;

	pthread_mutex_lock(&lock);
	f = fresh;
	fresh = false;
	pthread_mutex_unlock(&lock);
	return f;
}

/* Start the resolver thread (once). */
void
resolver_start(void)
{
	pthread_mutex_lock(&lock);
	if (running) {
		pthread_mutex_unlock(&lock);
		return;
	}
	stopping = false;
	running = pthread_create(&thread, NULL, resolver_main, NULL) == 0;
	pthread_mutex_unlock(&lock);
}

/* Stop the resolver thread without waiting for a lookup; empty the cache. */
void
resolver_stop(void)
{
	struct entry *e, *tmp;

	pthread_mutex_lock(&lock);
	if (!running) {
		pthread_mutex_unlock(&lock);
		return;
	}
	stopping = true;
	wake_fd = -1;	/* the UI closes it next */
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	/* A getnameinfo() in progress may take a while: don't wait for it. */
	pthread_detach(thread);
	pthread_mutex_lock(&lock);
	running = false;
	HASH_ITER(hh, cache, e, tmp) {
		HASH_DEL(cache, e);
		free(e);
	}
	entries = 0;
	qlen = 0;
	pthread_mutex_unlock(&lock);
}

/* The cached name of an address into buf, or queue it (never blocks). */
void
resolver_name(int ver, const uint8_t *addr, char *buf, size_t size)
{
	uint8_t key[17];
	struct entry *e, *tmp;

	memset(key, 0, sizeof key);
	key[0] = (uint8_t)ver;
	memcpy(key + 1, addr, ver == 4 ? 4 : 16);
	pthread_mutex_lock(&lock);
	if (!running) {
		pthread_mutex_unlock(&lock);
		resolver_start();
		pthread_mutex_lock(&lock);
	}
	HASH_FIND(hh, cache, key, sizeof key, e);
	if (e != NULL) {
		if (e->done && e->name[0] != '\0')
			snprintf(buf, size, "%s", e->name);
		pthread_mutex_unlock(&lock);
		return;
	}
	if (qlen < RESOLVER_QUEUE) {
		if (entries >= RESOLVER_MAX_ENTRIES) {
			HASH_ITER(hh, cache, e, tmp) {
				HASH_DEL(cache, e);
				free(e);
			}
			entries = 0;
		}
		e = calloc(1, sizeof *e);
		if (e != NULL) {
			memcpy(e->key, key, sizeof key);
			HASH_ADD(hh, cache, key, sizeof key, e);
			entries++;
			memcpy(queue[(qhead + qlen) % RESOLVER_QUEUE], key,
			    sizeof key);
			qlen++;
			pthread_cond_signal(&wake);
		}
	}
	pthread_mutex_unlock(&lock);
}
