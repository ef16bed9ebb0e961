use crate::config::FileConfig;

#[test]
fn the_keys_table_binds_one_key_or_several() {
    let file =
        FileConfig::parse("[keys]\nquit = \"ctrl-q\"\nnext_conversation = [\"alt-n\", \"f6\"]\n")
            .unwrap();
    let mut expected = crate::ui::user::keymap::Keymap::default();
    expected.bind("next_conversation", "alt-n").unwrap();
    expected.bind("next_conversation", "f6").unwrap();
    expected.bind("quit", "ctrl-q").unwrap();
    assert_eq!(file.keymap(), expected);
}

#[test]
fn a_bad_binding_names_the_key() {
    let cases = [
        (
            "[keys]\nqiut = \"ctrl-q\"\n",
            "keys.qiut: unknown action (one of: ",
        ),
        (
            "[keys]\nquit = \"ctrl-\"\n",
            "keys.quit: \"ctrl-\" is not a key",
        ),
        (
            "[keys]\nquit = 3\n",
            "a key like \"ctrl-q\", or a list of them",
        ),
    ];
    for (text, expected) in cases {
        let err = FileConfig::parse(text).unwrap_err();
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}
