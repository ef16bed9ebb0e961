//! Throwaway RabbitMQ accounts for the login tests, made and deleted through the
//! management API as the guest administrator.

use std::time::Duration;

use chat_tui::broker::accounts::UserPermissions;
use chat_tui::broker::topology::{declare_inbox, declare_shared_exchanges};
use chat_tui::domain::UserName;
use serde_json::{Value, json};

use crate::common::admin::{api_get, api_url};

/// A RabbitMQ user of a chat user's name with a password, a chat user's permissions on
/// vhost `/` (protocol version 3) and its inbox, made as an operator would. The account
/// and the inbox are deleted when dropped, even when the test panicked.
#[derive(Debug)]
pub struct Account {
    /// The user name.
    pub name: UserName,
}

impl Account {
    /// Creates the account `name` with `password`.
    pub async fn create(name: &UserName, password: &str) -> Self {
        let client = reqwest::Client::new();
        let user = client
            .put(format!("{}/api/users/{name}", api_url()))
            .basic_auth("guest", Some("guest"))
            .json(&json!({ "password": password, "tags": "" }))
            .send()
            .await
            .expect("the management API answers");
        assert!(user.status().is_success(), "create user: {}", user.status());
        let account = Self { name: name.clone() };
        let allowed = UserPermissions::for_user(name);
        let permissions = client
            .put(format!("{}/api/permissions/%2F/{name}", api_url()))
            .basic_auth("guest", Some("guest"))
            .json(&json!({
                "configure": allowed.configure,
                "write": allowed.write,
                "read": allowed.read,
            }))
            .send()
            .await
            .expect("the management API answers");
        assert!(
            permissions.status().is_success(),
            "set permissions: {}",
            permissions.status()
        );
        // What `chat-tui admin setup` and `user add` make: the shared exchanges, the inbox.
        let (connection, channel) = crate::common::raw_channel().await;
        declare_shared_exchanges(&channel)
            .await
            .expect("the shared exchanges");
        declare_inbox(&channel, name).await.expect("the inbox");
        let _ = connection.close(200, "done".into()).await;
        account
    }
}

impl Drop for Account {
    fn drop(&mut self) {
        let url = format!("{}/api/users/{}", api_url(), self.name);
        let inbox = format!(
            "{}/api/queues/%2F/{}",
            api_url(),
            chat_tui::domain::wire::inbox_queue(&self.name)
        );
        let worker = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a cleanup runtime");
            runtime.block_on(async move {
                for url in [url, inbox] {
                    let deleted = reqwest::Client::new()
                        .delete(&url)
                        .basic_auth("guest", Some("guest"))
                        .send()
                        .await;
                    match deleted {
                        Ok(response) if response.status().is_success() => {}
                        Ok(response) => eprintln!("cleanup of {url}: {}", response.status()),
                        Err(error) => eprintln!("cleanup of {url}: {error}"),
                    }
                }
            });
        });
        if worker.join().is_err() {
            eprintln!("the account cleanup thread panicked");
        }
    }
}

/// The test broker's AMQP URL without any login in it (what a person types when the
/// login comes from elsewhere).
pub fn url_without_login() -> String {
    let mut url = url::Url::parse(&crate::common::amqp_url()).expect("a valid test URL");
    url.set_username("").expect("the URL can hold a user");
    url.set_password(None).expect("the URL can hold a password");
    url.into()
}

/// The RabbitMQ user that `chat-tui <user>`'s connection logged in as, as the
/// management API lists it (it lags: up to 30 s).
pub async fn connection_user(chat_user: &UserName) -> String {
    let wanted = format!("chat-tui {chat_user}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (_, listed) = api_get("connections").await;
        let found = listed
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["client_properties"]["connection_name"] == wanted.as_str())
            .and_then(|c| c["user"].as_str().map(str::to_owned));
        if let Some(user) = found {
            return user;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the management API never listed {wanted}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Whether the broker knows the user `name`.
pub async fn user_exists(name: &UserName) -> bool {
    let (status, body): (u16, Value) = api_get(&format!("users/{name}")).await;
    status == 200 && body["name"] == name.as_str()
}
