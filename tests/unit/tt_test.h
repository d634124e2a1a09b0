/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A minimal unit test framework: each test file is one executable run by
 * CTest. A failed check prints file:line and the expression, and the
 * executable exits non-zero. */
#ifndef TCPTEACH_TT_TEST_H
#define TCPTEACH_TT_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8_check.h"

static int tt_test_failures;
static int tt_test_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        tt_test_checks++;                                                                          \
        if (!(cond)) {                                                                             \
            tt_test_failures++;                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_U(a, b)                                                                           \
    do {                                                                                           \
        unsigned long long tt_a_ = (unsigned long long)(a), tt_b_ = (unsigned long long)(b);       \
        tt_test_checks++;                                                                          \
        if (tt_a_ != tt_b_) {                                                                      \
            tt_test_failures++;                                                                    \
            fprintf(stderr, "%s:%d: %s == %llu, expected %s == %llu\n", __FILE__, __LINE__, #a,    \
                    tt_a_, #b, tt_b_);                                                             \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *tt_a_ = (a), *tt_b_ = (b);                                                     \
        tt_test_checks++;                                                                          \
        if (tt_a_ == NULL || tt_b_ == NULL || strcmp(tt_a_, tt_b_) != 0) {                         \
            tt_test_failures++;                                                                    \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,      \
                    tt_a_ ? tt_a_ : "(null)", tt_b_ ? tt_b_ : "(null)");                           \
        }                                                                                          \
    } while (0)

/* Checks that `hay` contains `needle`. */
#define CHECK_HAS(hay, needle)                                                                     \
    do {                                                                                           \
        const char *tt_h_ = (hay), *tt_n_ = (needle);                                              \
        tt_test_checks++;                                                                          \
        if (tt_h_ == NULL || strstr(tt_h_, tt_n_) == NULL) {                                       \
            tt_test_failures++;                                                                    \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,         \
                    tt_h_ ? tt_h_ : "(null)", tt_n_);                                              \
        }                                                                                          \
    } while (0)

#define RUN(test)                                                                                  \
    do {                                                                                           \
        int tt_before_ = tt_test_failures;                                                         \
        test();                                                                                    \
        printf("%s %s\n", tt_test_failures == tt_before_ ? "ok  " : "FAIL", #test);                \
    } while (0)

#define TT_TEST_MAIN_END()                                                                         \
    do {                                                                                           \
        printf("%d checks, %d failed\n", tt_test_checks, tt_test_failures);                        \
        return tt_test_failures == 0 ? 0 : 1;                                                      \
    } while (0)

#endif
