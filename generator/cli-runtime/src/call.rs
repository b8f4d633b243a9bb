//! One endpoint's call: what the generated function of an endpoint gets ([`Call`]) and hands
//! back ([`Output`]). The generated code does only what needs the types: decode the request,
//! call the typed method, and pass the reply on.

use futures_util::Stream;
use futures_util::StreamExt as _;
use serde::Serialize;
use serde::de::DeserializeOwned;
use verycloud::{Client, Error, Page};

use crate::body;
use crate::exit::Failure;
use crate::fields::Field;
use crate::json::Json;
use crate::output::{Output, PageOutput};
use crate::progress::Progress;
use crate::secrets::Secrets;

/// The call an endpoint's command makes, as the command line asked for it.
#[derive(Debug)]
pub struct Call<'a> {
    pub(crate) client: &'a Client,
    /// The operation's name, which errors name.
    pub(crate) operation: &'static str,
    /// The request's fields.
    pub(crate) fields: &'static [Field],
    /// Where what is printed holds secrets.
    pub(crate) secrets: Option<&'static Secrets>,
    pub(crate) body: Json,
    pub(crate) all: bool,
    pub(crate) progress: &'a Progress,
}

impl<'a> Call<'a> {
    /// The client, set up from the command line, the environment and the stored token.
    pub fn client(&self) -> &'a Client {
        self.client
    }

    /// The typed request, from `--json` and the flags; a value the request type refuses is a
    /// usage error naming its flag.
    pub fn request<R: DeserializeOwned>(&self) -> Result<R, Failure> {
        body::decode(self.fields, &self.body)
    }

    /// Whether `--all` asked for every page.
    pub fn all(&self) -> bool {
        self.all
    }

    /// The progress of walking the pages, for [`Progress::page`] as each arrives.
    pub fn progress(&self) -> &'a Progress {
        self.progress
    }

    /// Prints a reply (`()` prints as `null`), its secrets hidden.
    pub fn reply<R: Serialize>(&self, reply: &R) -> Result<Output, Failure> {
        let mut json = to_json(self.operation, reply)?;
        if let Some(secrets) = self.secrets {
            secrets.hide(&mut json);
        }
        Ok(Output::Value(json))
    }

    /// Prints one page of a list, each item's secrets hidden.
    pub fn page<T: Serialize>(&self, page: &Page<T>) -> Result<Output, Failure> {
        let items = page
            .items
            .iter()
            .map(|item| self.item(item))
            .collect::<Result<Vec<Json>, Failure>>()?;
        Ok(Output::Page(PageOutput {
            items,
            total: page.total,
            total_pages: page.total_pages,
            page: page.page,
            limit: page.limit,
        }))
    }

    /// Prints every item of a walk over the pages of a list ([`Page::walk`]), each item's
    /// secrets hidden, once the walk has ended; the walk's error, if it ends in one.
    pub async fn items<T: Serialize>(
        &self,
        mut items: impl Stream<Item = Result<T, Error>> + Unpin,
    ) -> Result<Output, Failure> {
        let mut all = Vec::new();
        while let Some(item) = items.next().await {
            all.push(self.item(&item?)?);
        }
        Ok(Output::Items(all))
    }

    fn item<T: Serialize>(&self, item: &T) -> Result<Json, Failure> {
        let mut json = to_json(self.operation, item)?;
        if let Some(secrets) = self.secrets {
            secrets.hide(&mut json);
        }
        Ok(json)
    }
}

/// A typed value as exact JSON: written by its own `Serialize` (money and numbers as the
/// spec's wire forms, exactly), then split into the tree the output is printed from.
fn to_json<T: Serialize>(operation: &'static str, value: &T) -> Result<Json, Failure> {
    let unwritable = |message: String| {
        Failure::Client(Error::Decode {
            endpoint: operation,
            message: format!("cannot write the reply as JSON: {message}"),
            body_excerpt: String::new(),
        })
    };
    let text = serde_json::to_string(value).map_err(|error| unwritable(error.to_string()))?;
    Json::parse(&text).map_err(|error| unwritable(error.to_string()))
}
