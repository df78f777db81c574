-- 580_intake_release_names.sql: the operating system may be named by its
-- release name instead of a version number.
--   * 520 refused an OS without a digit, so "macOS Sonoma", "Windows XP"
--     or "Android Pie" were refused although they name a release exactly
--     as a support desk takes it. A value now passes when it holds a digit
--     or a known release name of its field: intake_release_names, data
--     (field, name), seeded with the common macOS, Windows, Android,
--     Ubuntu and Debian names (iOS is numbered). A name matches
--     case-insensitively as a whole word or words ("big sur" in "macOS Big
--     Sur", not "Sonoma" in "Sonomas"); punctuation separates words like a
--     space. The browser has no names: "Firefox", "Chrome newest" are
--     refused, as are "Windows", "macOS" and "latest" for the OS.
--   * intake_version_ok is the one definition of the rule; intake_resolve
--     (520, whole) asks it for the browser and the OS, at intake and so at
--     re-triage (api_ticket_retriage, 480, resolves through it). The OS
--     refusal says "a version number or a release name".
--   * intake_fields.rule: what the check wants of a field beyond being
--     filled, in one sentence ("Must contain a version number ...", "7 to
--     15 digits ..."), stated once for the form: the field's own help
--     ends with it and the form's help screen lists every field's rule
--     (the English reference text, translated by the client like help).

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE intake_release_names (
    field text NOT NULL REFERENCES intake_fields (name) ON DELETE CASCADE,
    name  text NOT NULL CHECK (name ~ '[[:alpha:]]' AND name = btrim(name)),
    PRIMARY KEY (field, name)
);
COMMENT ON TABLE intake_release_names IS
    'Release names an intake field takes instead of a version number (macOS Sonoma, Windows XP), matched case-insensitively as whole words.';

INSERT INTO intake_release_names (field, name)
SELECT 'os', n FROM unnest(ARRAY[
    -- macOS, Mac OS X
    'Cheetah', 'Puma', 'Jaguar', 'Panther', 'Tiger', 'Leopard', 'Snow Leopard', 'Lion',
    'Mountain Lion', 'Mavericks', 'Yosemite', 'El Capitan', 'Sierra', 'High Sierra', 'Mojave',
    'Catalina', 'Big Sur', 'Monterey', 'Ventura', 'Sonoma', 'Sequoia', 'Tahoe',
    -- Windows ("Me" alone is an ordinary word)
    'XP', 'Vista', 'Windows Me',
    -- Android
    'Cupcake', 'Donut', 'Eclair', 'Froyo', 'Gingerbread', 'Honeycomb', 'Ice Cream Sandwich',
    'Jelly Bean', 'KitKat', 'Lollipop', 'Marshmallow', 'Nougat', 'Oreo', 'Pie',
    'Quince Tart', 'Red Velvet Cake', 'Snow Cone', 'Tiramisu', 'Upside Down Cake',
    'Vanilla Ice Cream', 'Baklava',
    -- Ubuntu (the first word names the release: "Jammy", "Jammy Jellyfish")
    'Precise', 'Trusty', 'Xenial', 'Bionic', 'Focal', 'Jammy', 'Kinetic', 'Lunar', 'Mantic',
    'Noble', 'Oracular', 'Plucky', 'Questing',
    -- Debian
    'Squeeze', 'Wheezy', 'Jessie', 'Stretch', 'Buster', 'Bullseye', 'Bookworm', 'Trixie',
    'Forky', 'Sid']) AS n;

-- What the check (intake_resolve) wants of each field beyond being filled:
-- the form shows it with the field's help and lists them all in its help.
ALTER TABLE intake_fields ADD COLUMN rule text CHECK (rule <> '');
COMMENT ON COLUMN intake_fields.rule IS
    'What intake_resolve wants of the field beyond being filled, one sentence shown with its help (NULL: nothing more).';
UPDATE intake_fields SET rule = 'At least one; positive whole numbers, separated by commas or spaces.'
 WHERE name = 'object_ids';
UPDATE intake_fields SET rule = 'A positive whole number.' WHERE name = 'member_id';
UPDATE intake_fields SET rule = 'A positive whole number, when given.' WHERE name IN ('bidder_id', 'creative_id');
UPDATE intake_fields SET rule = 'Needed when the request type concerns the user interface: at least one path or URL.'
 WHERE name = 'screenshots';
UPDATE intake_fields SET rule = 'Must contain a version number, e.g. Firefox 133 or Chrome 131.0.'
 WHERE name = 'browser';
UPDATE intake_fields SET rule = 'Must contain a version number or a release name, e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS.'
 WHERE name = 'os';
UPDATE intake_fields SET rule = 'Needed for severity 1 (Critical): 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12.'
 WHERE name = 'phone';

-- @function intake_version_ok (sql/functions/intake.sql)

