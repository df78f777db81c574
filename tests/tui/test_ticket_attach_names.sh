#!/bin/sh
# The file prompt (A) of the ticket view, at 80x24, refuses at once each
# file that could not go with the next message, with a message on the
# status line that names the file and the problem, and offers the path
# typed again (nothing typed is lost, nothing waits to be sent):
#   - a name that is not UTF-8 (Latin-1 "café.png", reached with Tab):
#     shown escaped, caf\xE9.png, never its raw byte; before, it was
#     taken, and the reply written with it failed at the send with the
#     server's bare "invalid byte sequence for encoding UTF8";
#   - a name holding a control character (ESC): shown as ^[, named as
#     U+001B; before, taken, and refused only at the send (a line break
#     cannot be typed in the one-line prompt, nor reached with Tab:
#     tests/unit/test_file_read.c and test_cli_input refuse it);
#   - a directory, said to be one; a FIFO, refused as no regular file
#     (before, A froze the screen: the open waited for a writer);
#   - a file gone after Tab completed its name; a path too long for the
#     system, shown by its two ends with the reason after them (a name
#     itself is at most 255 bytes, so never over the database's 255
#     characters);
#   - a file over the desk's max_attachment_bytes, and one that would
#     take the files of the message past 3/4 of max_message_bytes
#     (before, both were taken and refused at the send);
#   - a file that cannot be read: no permission (as a user other than
#     root, whom permissions do not stop) and a read that fails.
# A good file is then taken. In English, then the new messages in Spanish.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 17:00+00' frozen
tt_ticket_at 2 'Files 0001' '2026-11-23 16:00+00'
# the desk's limits, small: 1000 bytes a file, 1500 the files of a message
tt_sql "UPDATE mail_policy SET value = '1000' WHERE key = 'max_attachment_bytes';
        UPDATE mail_policy SET value = '2000' WHERE key = 'max_message_bytes'" >/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-attach-names.XXXXXX")
trap 'chmod -R u+rwx "$dir" 2>/dev/null; rm -rf "$dir"; tt_cleanup' EXIT
printf 'x\n' > "$dir/$(printf 'caf\351.png')"
printf 'x\n' > "$dir/$(printf 'esc\033x.csv')"
mkdir "$dir/folder"
mkfifo "$dir/pipe.csv"
head -c 2000 /dev/zero > "$dir/big.bin"
head -c 900 /dev/zero > "$dir/ok.bin"
head -c 900 /dev/zero > "$dir/ok2.bin"
ln -s /proc/self/mem "$dir/mem.bin"
long=$(printf '%0300d' 0)
# the program starts in the directory: the paths typed are short
cd "$dir" || tt_fail "cannot enter $dir"

prompt_en='File for your next message, public or a note \(empty: none\):'
prompt_es='Archivo para su próximo mensaje, público o nota \(vacío: ninguno\):'

# refused PROMPT TYPED TAB MESSAGE KEPT: A, the prompt emptied (Ctrl-U),
# TYPED typed (then Tab when TAB is "tab"; "gone" also removes gone.csv
# once Tab completed it), Enter: MESSAGE (an ERE) on the status line, no
# prompt, no raw byte on the screen, no more files waiting than before
# ($waiting: none, or the status line's words for them); the next A
# offers the path again as KEPT (an ERE) shows it.
waiting=''
refused() {
	tt_keys A
	tt_wait_for "$1"
	tt_keys C-u
	tt_keys -l "$2"
	case "$3" in
	tab) tt_keys Tab ;;
	gone) tt_keys Tab; tt_wait_for "$1 gone\\.csv *\$"; rm "$dir/gone.csv" ;;
	esac
	tt_keys Enter
	tt_wait_for "$4"
	tt_refute "$1"
	tt_screen | LC_ALL=C grep -q "$(printf '[\351\033]')" && tt_fail "a raw byte of the name reached the screen"
	tt_keys j   # the message gives way to the view's status line
	if [ -n "$waiting" ]; then
		tt_wait_for "$waiting"
	else
		tt_wait_gone "$4"
		tt_refute 'files? to send|archivos? por enviar'
	fi
	tt_keys A
	tt_wait_for "$1 $5 *\$"
	tt_keys Escape
	tt_wait_gone "$1"
}

tt_start
tt_wait_for 'Files 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Files 0001'
refused "$prompt_en" caf tab \
	'caf\\xE9\.png: the file.s name is not UTF-8 \(bytes shown as \\xNN\): rename the file' 'caf\\xE9\.png'
refused "$prompt_en" esc tab \
	'esc\^\[x\.csv: the file.s name holds control character U\+001B: rename the file' 'esc\^\[x\.csv'
refused "$prompt_en" folder '' 'folder: is a directory, not a file' 'folder'
refused "$prompt_en" pipe.csv '' 'pipe\.csv: not a regular file' 'pipe\.csv'
printf 'x\n' > "$dir/gone.csv"
refused "$prompt_en" gon gone 'gone\.csv: No such file or directory' 'gone\.csv'
refused "$prompt_en" "$long" '' '^0{30} … 0{20}: File name too long' '0+'
refused "$prompt_en" big.bin '' 'big\.bin: 2000 bytes, more than the 1000 a file may have' 'big\.bin'
refused "$prompt_en" mem.bin '' 'mem\.bin: could not be read: Input/output error' 'mem\.bin'
if [ "$(id -u)" != 0 ]; then
	printf 'x\n' > "$dir/secret.csv"
	chmod 000 "$dir/secret.csv"
	refused "$prompt_en" secret.csv '' 'secret\.csv: Permission denied' 'secret\.csv'
else
	echo "note: run as root, the unreadable file is not tried (permissions do not stop root)"
fi
# a good file is taken; a second would pass the message's limit
tt_keys A
tt_wait_for "$prompt_en"
tt_keys C-u
tt_keys -l ok.bin
tt_keys Enter
tt_wait_for 'ok\.bin \(900 bytes\) goes with your next message'
waiting='1 file to send'
refused "$prompt_en" ok2.bin '' \
	'ok2\.bin: the files of a message may have 1500 bytes together' 'ok2\.bin'
# the whole of it in :messages, with the bad names' messages before it
tt_messages_open
joined=$(tt_screen_text)
for said in 'ok2.bin: the files of a message may have 1500 bytes together; with this one they would have 1800' \
	'caf\xE9.png: the file'"'"'s name is not UTF-8 (bytes shown as \xNN): rename the file'; do
	case "$joined" in
	*"$said"*) ;;
	*) tt_fail "not in :messages: $said ($joined)" ;;
	esac
done
tt_keys q
tt_wait_for '1 file to send'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the new messages in Spanish (a new session: no file waits)
waiting=""
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Files 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Files 0001'
refused "$prompt_es" caf tab \
	'caf\\xE9\.png: el nombre del archivo no es UTF-8: renómbrelo \(más: :messages\)' 'caf\\xE9\.png'
refused "$prompt_es" esc tab \
	'esc\^\[x\.csv: carácter de control U\+001B en el nombre del archivo: renómbrelo' 'esc\^\[x\.csv'
refused "$prompt_es" folder '' 'folder: es un directorio, no un archivo' 'folder'
tt_keys Q
tt_wait_for 'tt-exit=0'
