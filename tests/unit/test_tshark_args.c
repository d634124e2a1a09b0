/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the tshark command-line reading (plugin/glue/tshark_args.c). */
#include "tshark_args.h"

#include "tt_test.h"

/* The -e names seen, joined with spaces. */
typedef struct names {
    char text[512];
} names;

static void collect(const char *name, void *ctx)
{
    names *n = (names *)ctx;
    size_t used = strlen(n->text);
    snprintf(n->text + used, sizeof n->text - used, "%s%s", used ? " " : "", name);
}

/* Runs the reader on a NULL-terminated word list; the -e names go to out. */
#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Whether the command line is read and its output is only the -e fields. */
static bool fields_only(const char *const *argv, names *out)
{
    int argc = 0;
    while (argv[argc] != NULL)
        argc++;
    memset(out, 0, sizeof *out);
    bool only = true;
    bool read = tt_args_read(argc, argv, collect, out, &only);
    if (!read)
        CHECK(!only && out->text[0] == '\0');
    return read && only;
}

/* Whether the command line is read (whatever its output). */
static bool readable(const char *const *argv, names *out)
{
    int argc = 0;
    while (argv[argc] != NULL)
        argc++;
    memset(out, 0, sizeof *out);
    bool only;
    return tt_args_read(argc, argv, collect, out, &only);
}

static void test_the_benchmark_command(void)
{
    names n;
    CHECK(fields_only(ARGS("/usr/bin/tshark", "-r", "-", "-T", "fields", "-e", "frame.number", "-e",
                           "tcp.stream", "-e", "tcpteach.role", "-e", "tcpteach.step"),
                      &n));
    CHECK_STR(n.text, "frame.number tcp.stream tcpteach.role tcpteach.step");
}

static void test_bundled_and_attached(void)
{
    names n;
    CHECK(fields_only(
        ARGS("tshark", "-nr", "x.pcap", "-Tfields", "-etcpteach.chunk", "-qe", "tcpteach.text"),
        &n));
    CHECK_STR(n.text, "tcpteach.chunk tcpteach.text");
    /* -o's argument is not read as options, even when it looks like one */
    CHECK(fields_only(ARGS("tshark", "-o", "-Tpdml", "-T", "fields", "-e", "a"), &n));
    CHECK_STR(n.text, "a");
    CHECK(fields_only(ARGS("tshark", "-2", "-Y", "tcpteach.role == \"reset\"", "-T", "fields", "-e",
                           "tcpteach.text", "-E", "separator=,"),
                      &n));
    CHECK_STR(n.text, "tcpteach.text");
}

static void test_long_options(void)
{
    names n;
    CHECK(fields_only(ARGS("tshark", "--disable-protocol", "-T", "-T", "fields", "-e", "x"), &n));
    CHECK(fields_only(ARGS("tshark", "--disable-protocol=http", "--color", "--log-level", "debug",
                           "-T", "fields", "-e", "x"),
                      &n));
    CHECK_STR(n.text, "x");
    /* an unknown long option, or a value given to a flag: not sure */
    CHECK(!fields_only(ARGS("tshark", "--frobnicate", "-T", "fields", "-e", "x"), &n));
    CHECK(!fields_only(ARGS("tshark", "--color=yes", "-T", "fields", "-e", "x"), &n));
    CHECK_STR(n.text, "");
}

static void test_other_outputs(void)
{
    names n;
    CHECK(!fields_only(ARGS("tshark", "-r", "x", "-V"), &n));
    CHECK(readable(ARGS("tshark", "-r", "x", "-V"), &n));
    CHECK(!fields_only(ARGS("tshark", "-r", "x", "-T", "pdml", "-e", "tcpteach.role"), &n));
    /* the -e names are given for any output format */
    CHECK(readable(ARGS("tshark", "-r", "x", "-T", "json", "-e", "tcpteach.text"), &n));
    CHECK_STR(n.text, "tcpteach.text");
    CHECK(!fields_only(ARGS("tshark", "-r", "x", "-T", "json"), &n));
    /* the last -T counts */
    CHECK(!fields_only(ARGS("tshark", "-T", "fields", "-e", "x", "-T", "text"), &n));
    CHECK(fields_only(ARGS("tshark", "-T", "text", "-T", "fields", "-e", "x"), &n));
    /* "fields" without -e is an error for tshark: no promise then */
    CHECK(!fields_only(ARGS("tshark", "-T", "fields"), &n));
    CHECK_STR(n.text, "");
}

static void test_filter_words_end_the_options(void)
{
    names n;
    /* after the first word that is not an option comes the filter */
    CHECK(fields_only(ARGS("tshark", "-r", "x", "-T", "fields", "-e", "a", "tcp", "-e", "b"), &n));
    CHECK_STR(n.text, "a");
    CHECK(!fields_only(ARGS("tshark", "-r", "x", "--", "-T", "fields", "-e", "a"), &n));
}

static void test_not_sure(void)
{
    names n;
    CHECK(!fields_only(ARGS("tshark", "-T", "fields", "-e"), &n));            /* argument missing */
    CHECK(!fields_only(ARGS("tshark", "-Z", "-T", "fields", "-e", "x"), &n)); /* unknown */
    CHECK(!fields_only(ARGS("tshark", "-T", "fields", "-e", "x", "--export-objects"), &n));
    CHECK_STR(n.text, "");
}

static void test_other_programs(void)
{
    names n;
    CHECK(!fields_only(ARGS("wireshark", "-T", "fields", "-e", "x"), &n));
    CHECK(!fields_only(ARGS("/opt/bin/tshark-wrapper", "-T", "fields", "-e", "x"), &n));
    CHECK(!fields_only(ARGS("redissect", "-T", "fields", "-e", "x"), &n));
    CHECK(fields_only(ARGS("/opt/ws/bin/tshark", "-T", "fields", "-e", "x"), &n));
    bool only = true;
    CHECK(!tt_args_read(0, NULL, NULL, NULL, &only) && !only);
    const char *const only_name[] = {"tshark", NULL};
    CHECK(tt_args_read(1, only_name, NULL, NULL, &only) && !only);
    /* without a callback it still answers */
    const char *const cmd[] = {"tshark", "-T", "fields", "-e", "x", NULL};
    CHECK(tt_args_read(5, cmd, NULL, NULL, &only) && only);
}

int main(void)
{
    RUN(test_the_benchmark_command);
    RUN(test_bundled_and_attached);
    RUN(test_long_options);
    RUN(test_other_outputs);
    RUN(test_filter_words_end_the_options);
    RUN(test_not_sure);
    RUN(test_other_programs);
    TT_TEST_MAIN_END();
}
