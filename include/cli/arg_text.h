/* The words of a command that go to the database as text, checked to be
 * UTF-8 before the command runs (cli/arg_text.c): a script or terminal in
 * another character set is told which argument is wrong instead of the
 * server's bare "invalid byte sequence". */
#ifndef TICKETTY_CLI_ARG_TEXT_H
#define TICKETTY_CLI_ARG_TEXT_H

#include "util/error.h"

/* Checks the words args[1..n) of a command (args[0] its name, as the
 * command table's handlers receive them). A word that names a file or a
 * program (--json FILE of `ticket new` and `inbox accept`, -o FILE,
 * --body-file, --sendmail, `admin policy load FILE`) is not checked: a
 * file name may be any bytes, and what the file holds is checked where
 * it is read; of --attach FILE only the name after the last '/', which
 * goes with the file, is (util/file_read.h refuses the rest such a name
 * may not hold when it reads the file); --set FIELD=VALUE is left to the intake, which
 * names each field with the server's other findings. 0, or 65 with err
 * holding one field per word that is not UTF-8, named as it was given:
 * the option ("--name"; a word after an option that takes no value is
 * an argument of its own), the FIELD of a FIELD=VALUE word ("name"),
 * else its place after the command's name ("argument 3": `ticket assign
 * 1 X`). Nothing of the word itself is shown. */
int cli_args_text(int n, char **args, struct tt_error *err);

#endif
