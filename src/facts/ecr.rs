//! Amazon ECR private registry addresses. Source: Amazon ECR User Guide, "Private registry"
//! (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`) and the Service Authorization
//! Reference for the repository ARN (`arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`).

/// An image in a private ECR repository. A template may leave the account, the region and
/// the domain to deploy time (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/web`);
/// those parts stay as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateImage<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub repository: &'a str,
}

impl PrivateImage<'_> {
    /// The repository's ARN, which `ecr:BatchGetImage` is granted on.
    pub fn repository_arn(&self) -> String {
        let partition = if self.region.starts_with("cn-") {
            "aws-cn"
        } else if self.region.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        };
        format!(
            "arn:{partition}:ecr:{}:{}:repository/{}",
            self.region, self.account, self.repository
        )
    }
}

/// The private ECR repository an image reference names, if it names one.
pub fn private_image(image: &str) -> Option<PrivateImage<'_>> {
    let (registry, path) = image.split_once('/')?;
    let deploy_time = |label: &str| label.starts_with("${") && label.ends_with('}');
    let mut labels = labels(registry);
    let account = labels.next().unwrap_or_default();
    let account_ok = (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        || deploy_time(account);
    let region = (account_ok
        && labels.next() == Some("dkr")
        && matches!(labels.next(), Some("ecr" | "ecr-fips")))
    .then(|| labels.next())
    .flatten()
    .filter(|region| !region.is_empty())?;
    let domain_ok = match (labels.next(), labels.next(), labels.next()) {
        (Some("amazonaws"), Some("com"), None | Some("cn")) => labels.next().is_none(),
        (Some(suffix), None, None) => deploy_time(suffix),
        _ => false,
    };
    // The repository name ends at the tag or the digest.
    let repository = path.split(['@', ':']).next().unwrap_or(path);
    domain_ok.then_some(PrivateImage {
        account,
        region,
        repository,
    })
}

/// What is mutable about an image reference, if anything: `repository[:tag][@digest]`,
/// where a registry host may carry a port (`registry:5000/app`). A placeholder (`${Tag}`,
/// `${ImageUri}`) in the last part may carry the tag: only a written `:latest` counts there.
pub fn moving_tag(image: &str) -> Option<&'static str> {
    if image.contains('@') {
        return None;
    }
    let name = image.rsplit('/').next().unwrap_or(image);
    if name.ends_with(":latest") {
        Some("is tagged `latest`")
    } else if name.contains(':') || name.contains("${") {
        None
    } else {
        Some("has no tag, so it is `latest`")
    }
}

/// A domain's dot-separated labels; a deploy-time part is one label even when it has dots
/// of its own (Terraform's `${data.aws_region.current.name}`).
fn labels(domain: &str) -> impl Iterator<Item = &str> {
    let mut rest = domain;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut depth = 0usize;
        let mut end = rest.len();
        for (at, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '.' if depth == 0 => {
                    end = at;
                    break;
                }
                _ => {}
            }
        }
        let label = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        Some(label)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_tags_and_digests() {
        assert!(moving_tag("nginx").is_some());
        assert!(moving_tag("nginx:latest").is_some());
        assert!(moving_tag("registry:5000/team/app").is_some());
        assert!(moving_tag("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest").is_some());
        assert!(moving_tag("registry:5000/team/app:1.2").is_none());
        assert!(moving_tag("nginx:1.27").is_none());
        assert!(moving_tag("nginx@sha256:0123abcd").is_none());
        assert!(moving_tag("nginx:latest@sha256:0123abcd").is_none());
        assert!(moving_tag("${Repository.RepositoryUri}:latest").is_some());
        assert!(moving_tag("${Repository.RepositoryUri}:${Tag}").is_none());
        assert!(moving_tag("${ImageUri}").is_none());
    }

    #[test]
    fn recognises_private_ecr_registries() {
        let image = private_image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1").unwrap();
        assert_eq!(
            image.repository_arn(),
            "arn:aws:ecr:eu-west-1:123456789012:repository/web"
        );
        let image =
            private_image("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/a/b@sha256:abc")
                .unwrap();
        assert_eq!(image.repository, "a/b");
        let terraform = private_image(
            "${data.aws_caller_identity.current.account_id}.dkr.ecr.${data.aws_region.current.name}.amazonaws.com/web:1",
        )
        .unwrap();
        assert_eq!(terraform.region, "${data.aws_region.current.name}");
        assert_eq!(terraform.repository, "web");
        let china = private_image("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web").unwrap();
        assert!(
            china
                .repository_arn()
                .starts_with("arn:aws-cn:ecr:cn-north-1:")
        );
        assert!(private_image("public.ecr.aws/nginx/nginx:latest").is_none());
        assert!(private_image("nginx:latest").is_none());
        assert!(private_image("12345.dkr.ecr.eu-west-1.amazonaws.com/web").is_none());
        assert!(
            private_image("123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.io/web").is_none()
        );
        let templated =
            private_image("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:1").unwrap();
        assert_eq!(
            templated.repository_arn(),
            "arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/web"
        );
        assert!(
            private_image("${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/web")
                .is_some()
        );
        assert!(private_image("${Registry}/web").is_none());
    }
}
