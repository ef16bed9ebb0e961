//! Starting a helper program (`notify_command`, the link opener): without a shell, with
//! no terminal (its output would land on the screen), not waited for by the caller — a
//! task reaps it and logs a failure.

/// Starts `program` with `args` and `env`; `what` names it in the log. Must be called
/// inside the tokio runtime.
pub fn spawn_detached(program: &str, args: &[String], env: &[(&str, String)], what: &'static str) {
    let mut command = tokio::process::Command::new(program);
    command
        .args(args)
        .envs(env.iter().map(|(key, value)| (*key, value.as_str())))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let program = crate::logging::safe(&program);
    match command.spawn() {
        Ok(mut child) => {
            tokio::spawn(async move {
                match child.wait().await {
                    Ok(status) if !status.success() => {
                        tracing::warn!(%program, %status, "{what} failed");
                    }
                    Ok(_) => {}
                    Err(err) => tracing::warn!(%program, %err, "{what}: cannot wait for it"),
                }
            });
        }
        Err(err) => tracing::warn!(%program, %err, "cannot run {what}"),
    }
}

/// Opens `url` with `opener` (a program and its first arguments; the URL is added
/// last, as one argument).
pub fn open_link(opener: &[String], url: &str) {
    let Some((program, args)) = opener.split_first() else {
        return;
    };
    let mut args = args.to_vec();
    args.push(url.to_owned());
    spawn_detached(program, &args, &[], "the link opener");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_opener_gets_the_url_as_one_last_argument_without_a_shell() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("opened");
        let script = format!("printf '%s|%s' \"$1\" \"$#\" > {}", file.display());
        let opener = vec!["sh".to_owned(), "-c".to_owned(), script, "sh".to_owned()];
        open_link(&opener, "https://x.org/a;b&c=$(id)");
        let mut got = String::new();
        for _ in 0..200 {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            got = std::fs::read_to_string(&file).unwrap_or_default();
            if !got.is_empty() {
                break;
            }
        }
        assert_eq!(got, "https://x.org/a;b&c=$(id)|1");
    }

    #[tokio::test]
    async fn a_missing_opener_is_only_logged() {
        open_link(&["/nonexistent/opener".to_owned()], "https://x.org");
        open_link(&[], "https://x.org");
    }
}
