use super::*;

#[test]
fn statuses_map_to_their_kind() {
    assert_eq!(classify_status(401, ""), ApiFailure::Refused(401));
    assert_eq!(classify_status(403, ""), ApiFailure::Refused(403));
    assert_eq!(classify_status(404, "{}"), ApiFailure::NotFound);
    assert_eq!(
        classify_status(500, " boom\n"),
        ApiFailure::Other("HTTP 500: boom".into())
    );
}

#[test]
fn the_unreachable_text_names_the_plugin_to_enable() {
    let ApiFailure::Unreachable(text) = unreachable("connection refused") else {
        panic!("not unreachable");
    };
    assert!(text.contains("connection refused"), "{text}");
    assert!(
        text.contains("rabbitmq-plugins enable rabbitmq_management"),
        "{text}"
    );
}
