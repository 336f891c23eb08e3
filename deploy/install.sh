#!/bin/sh
# Installs danhgia on a shared server, step by step as docs/DEPLOY.md
# explains them. Run as root from the source folder, after
# `cargo build --release`:
#
#   sudo FIRST_ADMIN=<login of the HR officer> sh deploy/install.sh
#
# Every setting below can be given the same way (NAME=value before `sh`).
# Running it again changes nothing that is already in place.
set -eu

die() { echo "install.sh: $*" >&2; exit 1; }
warn() { echo "install.sh: warning: $*" >&2; }

[ "$(id -u)" = 0 ] || die "run as root (sudo)"
: "${FIRST_ADMIN:?FIRST_ADMIN=<login of the HR officer who becomes the first admin>}"

GROUP=${GROUP:-danhgia}              # owns the data; nobody is a member
ADMIN_GROUP=${ADMIN_GROUP:-}         # OS group allowed to `danhgia init` (optional)
BIN=${BIN:-target/release/danhgia}
PREFIX=${PREFIX:-/usr/local}
CONF_DIR=${CONF_DIR:-/etc/danhgia}   # the program reads $CONF_DIR/config.toml = /etc/danhgia/config.toml
DATA_DIR=${DATA_DIR:-/var/lib/danhgia}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/danhgia}
CRON_FILE=${CRON_FILE:-/etc/cron.d/danhgia}
KEEP_DAYS=${KEEP_DAYS:-60}
DB=$DATA_DIR/danhgia.db
umask 022

[ -f "$BIN" ] || die "$BIN not found: build it first (cargo build --release)"

# 1. The group that owns the data (a number is used as it is). Nobody is a
#    member: people reach the data only through the setgid program.
case $GROUP in
    *[!0-9]*) getent group "$GROUP" >/dev/null || groupadd --system "$GROUP" ;;
esac
case $ADMIN_GROUP in
    '' | *[!0-9a-z_-]*) ;;
    *) getent group "$ADMIN_GROUP" >/dev/null || groupadd --system "$ADMIN_GROUP" ;;
esac

# 2. The program, setgid to the group. It uses the group only to open the
#    database named in config.toml, then gives it up for good.
install -d -m 0755 "$PREFIX/bin"
install -o root -g "$GROUP" -m 2755 "$BIN" "$PREFIX/bin/danhgia"

# 3. The system config: which database is the office's, and who may
#    initialise it. Root's; everyone may read it.
install -d -o root -g root -m 0755 "$CONF_DIR"
if [ ! -e "$CONF_DIR/config.toml" ]; then
    {
        printf 'db = "%s"\n' "$DB"
        [ -z "$ADMIN_GROUP" ] || printf 'admin_group = "%s"\n' "$ADMIN_GROUP"
    } >"$CONF_DIR/config.toml.new"
    chmod 0644 "$CONF_DIR/config.toml.new"
    mv "$CONF_DIR/config.toml.new" "$CONF_DIR/config.toml"
fi

# 4. The data folder: root's, 0755. The group cannot create anything in
#    it, so no user ever owns a file there.
install -d -o root -g "$GROUP" -m 0755 "$DATA_DIR"

# 5. The database, its -wal and its -shm: created once, here, by root, then
#    given to the group (0660). danhgia keeps the -wal and -shm for good
#    (persistent WAL), so nobody creates them again later.
if [ ! -e "$DB" ]; then
    "$PREFIX/bin/danhgia" --db "$DB" init --admin "$FIRST_ADMIN"
else
    # Run as root, any command creates a missing -wal or -shm (after a
    # restore) with the database's owner and mode.
    "$PREFIX/bin/danhgia" --db "$DB" audit verify
fi
for f in "$DB" "$DB-wal" "$DB-shm"; do
    [ -f "$f" ] && [ ! -L "$f" ] || die "$f is missing or not a plain file"
    chown root:"$GROUP" "$f"
    chmod 0660 "$f"
done

# 6. Nightly backups by root: a consistent copy while people work, 0600,
#    kept $KEEP_DAYS days; copy the folder off the server (docs/DEPLOY.md).
install -d -o root -g root -m 0700 "$BACKUP_DIR"
install -d -m 0755 "$(dirname "$CRON_FILE")"
cat >"$CRON_FILE.new" <<CRON
# danhgia: nightly backup at 01:15, kept $KEEP_DAYS days (docs/DEPLOY.md)
15 1 * * * root $PREFIX/bin/danhgia backup $BACKUP_DIR/danhgia-\$(date +\\%F).db && find $BACKUP_DIR -maxdepth 1 -name 'danhgia-*.db' -type f -mtime +$KEEP_DAYS -delete
CRON
chmod 0644 "$CRON_FILE.new"
mv "$CRON_FILE.new" "$CRON_FILE"

# 7. The kernel's protection against links planted in shared folders.
for k in fs.protected_symlinks fs.protected_hardlinks; do
    v=$(sysctl -n "$k" 2>/dev/null || echo unknown)
    [ "$v" = 1 ] || warn "$k is $v; set it to 1 (echo '$k = 1' > /etc/sysctl.d/60-danhgia.conf; sysctl --system)"
done

# 8. Home folders that others can read: reports and exports are 0600, but
#    a folder others can read shows their names. HOME_MODE 0750 in
#    /etc/login.defs keeps new homes private.
for h in /home/*; do
    [ -d "$h" ] || continue
    case $(stat -c %A "$h") in
        ???????r??) warn "$h can be read by everyone (chmod 0750 $h)" ;;
    esac
done

echo "danhgia installed: $PREFIX/bin/danhgia, database $DB (first admin: $FIRST_ADMIN)"
