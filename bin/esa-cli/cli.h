/* SPDX-License-Identifier: BSD-2-Clause */
/* cli.h - esa-cli: the appliance's prompt and dialogs, running the esa-* tools. */
#ifndef ESA_CLI_H
#define ESA_CLI_H

#include <signal.h>
#include <stddef.h>

/* Set by the signal handlers: Ctrl-C; a hangup or SIGTERM. The only globals. */
extern volatile sig_atomic_t cli_interrupted, cli_hangup;

/* ---- answer.c: answers to the appliance's questions, as pure functions ---------- */

/* S with blanks (and the line's newline) removed at both ends, in place. */
char *answer_trim(char *s);

/*
 * A yes/no answer: 1 for y/yes, 0 for n/no (any case), DEF for an empty answer; -1
 * with *WHY set to the line that tells the user what to type.
 */
int answer_yesno(const char *s, int def, const char **why);

/*
 * A number from LO to HI, DEF for an empty answer: the number, or -1 with *WHY set
 * (WHY points into BUF, of BUFSIZE bytes).
 */
long answer_number(const char *s, long lo, long hi, long def, char *buf, size_t bufsize,
    const char **why);

/*
 * A choice among N names (shown numbered from 1): the answer is a number or one of the
 * names exactly; DEF (an index, or -1 for none) for an empty answer. The index, or -1
 * with *WHY set (into BUF).
 */
long answer_choice(const char *s, char *const *names, size_t n, long def, char *buf,
    size_t bufsize, const char **why);

/*
 * A host name or address (letters, digits, '-', '.', '_', ':', '%'; not starting with
 * '-'; at most 253 bytes): 0, or -1 with *WHY set.
 */
int answer_host(const char *s, const char **why);

/*
 * A capture filter as typed (esa-pcap checks its syntax with libpcap): printable ASCII,
 * at most 1024 bytes; 0, or -1 with *WHY set.
 */
int answer_filter(const char *s, const char **why);

/* An operation of a menu: its name (upper case) and the appliance's description. */
struct op {
	const char *name, *what;
};

#define ANSWER_EMPTY (-2)

/*
 * One of the N operations OPS by its name in any case: its index; ANSWER_EMPTY for an
 * empty answer (the appliance goes back then); -1 with *WHY set otherwise.
 */
long answer_op(const char *s, const struct op *ops, size_t n, const char **why);

/*
 * Splits LINE in place into at most MAX words separated by blanks: the number of
 * words, or -1 when there are more than MAX.
 */
int answer_split(char *line, char **argv, int max);

/* ---- choices.c: the choices offered, read from the tools' JSON ------------------- */

#define CHOICES_MAX 1024	/* choices offered at most */
#define CHOICES_LEN 256	/* bytes of one name at most (an alias: IFALIASZ) */

/*
 * The values of KEY (strings decoded; numbers, true, false and null as their text;
 * arrays and objects skipped) in the objects at DEPTH (1: top-level objects, as JSON
 * Lines; 2: the objects of a top-level array) of the JSON values in BUF (LEN bytes,
 * not necessarily NUL-terminated), in order, as malloc'd strings in *NAMES (free with
 * choices_free). The number found, or -1 (errno EINVAL) when BUF holds no value, a value
 * is not an array or object or is cut short, or a name is too long, too many or holds
 * a NUL.
 */
long choices_parse(const char *buf, size_t len, const char *key, int depth, char ***names);
/*
 * As choices_parse, one value for each object at DEPTH that has KEY or FALLBACK: KEY's
 * when it has both ("alias", else "interface": the name the appliance shows).
 */
long choices_pick(const char *buf, size_t len, const char *key, const char *fallback,
    int depth, char ***names);
void choices_free(char **names, size_t n);

/* ---- term.c: lines from the terminal (libedit) or a pipe ------------------------ */

struct cli;

/* Starts line editing when stdin is a terminal: 0, or -1. */
int term_open(struct cli *c);
void term_close(struct cli *c);

/*
 * One line, trimmed, as a malloc'd string: after PROMPT (not shown on a pipe);
 * HISTORY adds it to the history. NULL at the end of input, or when Ctrl-C
 * interrupted the question (cli_interrupted set).
 */
char *term_read(struct cli *c, const char *prompt, int history);

/* ---- run.c: the tools, found next to esa-cli or on PATH ------------------------- */

/*
 * Runs the tool ARGV[0] with ARGV, in the foreground, and waits for it: its exit
 * status, ESA_EXIT_ERR after one line when it cannot be found or started or was
 * killed. Ctrl-C reaches the tool, never esa-cli.
 */
int run_tool(const struct cli *c, char *const argv[]);

/*
 * Runs the tool as run_tool() does with its standard output read into *OUT (malloc'd,
 * NUL-terminated; *LEN bytes, at most 4 MiB), and with QUIET its standard error sent
 * to /dev/null: its exit status, or ESA_EXIT_ERR.
 */
int run_capture(const struct cli *c, char *const argv[], int quiet, char **out,
    size_t *len);

/*
 * The first value of KEY at DEPTH in the JSON the tool prints (run_capture() with
 * QUIET), when its exit status is at most WORST: malloc'd, or NULL.
 */
char *run_json_value(const struct cli *c, char *const argv[], int quiet, int worst,
    const char *key, int depth);


/* ---- ask.c: questions asked until answered -------------------------------------- */

/* What a question returns when the user left it (Ctrl-C, end of input). */
#define DIALOG_LEFT (-1)

/* A number from LO to HI after PROMPT, DEF on Enter: it, or DIALOG_LEFT. */
long ask_number(struct cli *c, const char *prompt, long lo, long hi, long def);
/* A yes/no question: 1 or 0, DEF on Enter, or DIALOG_LEFT. */
int ask_yesno(struct cli *c, const char *prompt, int def);
/*
 * An interface of `esa-netstat -i -j` after QUESTION, AUTOMATIC ("Auto") first when
 * not NULL:
 * its name (malloc'd, "" for Auto), or NULL.
 */
char *ask_interface(struct cli *c, const char *question, const char *automatic);
/* A host name or address after QUESTION: it (malloc'd), or NULL. */
char *ask_host(struct cli *c, const char *question);
/* One of the operations OPS (the appliance's "[]>" menu): its index, or DIALOG_LEFT. */
long ask_op(struct cli *c, const char *title, const struct op *ops, size_t n);

/* The appliance's title of its menus. */
#define ASK_CHOOSE "Choose the operation you want to perform:"
/* "Press Ctrl-C to stop." on a terminal, before a view that runs until then. */
void press_ctrl_c(const struct cli *c);

/* ---- diag.c: diagnostic > NETWORK ------------------------------------------------ */

int diag_run(struct cli *c, int argc, char **argv);

/* ---- ether.c: etherconfig ------------------------------------------------------- */

int ether_run(struct cli *c, int argc, char **argv);

/* ---- pcap.c: packetcapture ------------------------------------------------------- */

int pcap_run(struct cli *c, int argc, char **argv);
/* diagnostic > network > TCPDUMP: the legacy capture menu over the same esa-pcap. */
int pcap_tcpdump(struct cli *c);
/* At the end of the session: the capture it started stopped, saying so. */
void pcap_end(struct cli *c);

/* ---- dialog.c: the commands and their dialogs ----------------------------------- */

/* Runs one command line (split in place): the status of the command. */
int dialog_run(struct cli *c, char *line);

/* Prints the list of commands (help). */
void dialog_help(void);

/* The state of a session. */
struct cli {
	int tty;		/* stdin is a terminal: prompts and line editing */
	void *el;		/* libedit's EditLine, NULL on a pipe */
	void *hist;		/* libedit's History */
	const char *prompt;	/* the prompt libedit shows now */
	char host[4 * 256 + 1];	/* the prompt: the escaped host name and "> " */
	char tooldir[4096];	/* the directory of esa-cli, "" when unknown */
	long capture;		/* the pid of the capture this session started, or 0 */
};

#endif
