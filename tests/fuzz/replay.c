/* SPDX-License-Identifier: BSD-2-Clause */
/* replay.c - a main() feeding files to a libFuzzer harness, so gcc builds replay a corpus. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned long replayed;

/*
 * Reads one file into a buffer of exactly its size, so that ASan catches a harness
 * reading one byte past the input, and replays it. Returns 0, or -1 after a message.
 */
static int
replay_file(const char *path)
{
	const char *why = NULL;
	struct stat st;
	uint8_t *buf = NULL;
	FILE *f;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &st) == -1)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		why = "not a regular file";
		goto fail;
	}
	n = (size_t)st.st_size;
	if ((buf = malloc(n)) == NULL && n != 0)
		goto fail;
	if (fread(buf, 1, n, f) != n || getc(f) != EOF) {
		if (!ferror(f))
			why = "size changed while reading";
		goto fail;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	replayed++;
	return 0;
fail:
	fprintf(stderr, "replay: %s: %s\n", path, why ? why : strerror(errno));
	free(buf);
	if (f != NULL)
		fclose(f);
	return -1;
}

/* Dot files are a VCS's or an editor's, not inputs; subdirectories are not entered. */
static int
wanted(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Replays the regular files of a directory in name order, so that runs repeat. */
static int
replay_dir(const char *dir)
{
	struct dirent **names;
	struct stat st;
	char path[4096];
	int i, n, rc = 0;

	if ((n = scandir(dir, &names, wanted, alphasort)) == -1) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) >=
		    (int)sizeof(path)) {
			fprintf(stderr, "replay: %s/%s: name too long\n", dir,
			    names[i]->d_name);
			rc = -1;
		} else if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode)) {
			if (replay_file(path) == -1)
				rc = -1;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat st;
	int i, status = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i]) == -1)
				status = 2;
		} else if (replay_file(argv[i]) == -1)
			status = 2;
	}
	fprintf(stderr, "%lu inputs replayed\n", replayed);
	return status;
}
