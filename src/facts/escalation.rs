//! Permission sets that let a principal raise its own privileges. Source: Rhino Security
//! Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (the 21 methods, as also
//! encoded in Parliament's community `PRIVILEGE_ESCALATION` auditor), plus the ECS method
//! of the same shape: pass a role to a task definition and run it.

/// One escalation method: every action in it, and how it escalates.
pub struct Escalation {
    pub actions: &'static [&'static str],
    pub how: &'static str,
}

pub const ESCALATIONS: &[Escalation] = &[
    Escalation {
        actions: &["iam:CreatePolicyVersion"],
        how: "write a new default version of a policy it has",
    },
    Escalation {
        actions: &["iam:SetDefaultPolicyVersion"],
        how: "switch a policy to a more permissive version",
    },
    Escalation {
        actions: &["iam:CreateAccessKey"],
        how: "create access keys for another user",
    },
    Escalation {
        actions: &["iam:CreateLoginProfile"],
        how: "set a console password for another user",
    },
    Escalation {
        actions: &["iam:UpdateLoginProfile"],
        how: "change another user's console password",
    },
    Escalation {
        actions: &["iam:AttachUserPolicy"],
        how: "attach any managed policy to a user",
    },
    Escalation {
        actions: &["iam:AttachGroupPolicy"],
        how: "attach any managed policy to a group",
    },
    Escalation {
        actions: &["iam:AttachRolePolicy"],
        how: "attach any managed policy to a role",
    },
    Escalation {
        actions: &["iam:PutUserPolicy"],
        how: "write an inline policy for a user",
    },
    Escalation {
        actions: &["iam:PutGroupPolicy"],
        how: "write an inline policy for a group",
    },
    Escalation {
        actions: &["iam:PutRolePolicy"],
        how: "write an inline policy for a role",
    },
    Escalation {
        actions: &["iam:AddUserToGroup"],
        how: "join a more privileged group",
    },
    Escalation {
        actions: &["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
        how: "let itself assume any role",
    },
    Escalation {
        actions: &["iam:PassRole", "ec2:RunInstances"],
        how: "start an instance with a more privileged role",
    },
    Escalation {
        actions: &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction",
        ],
        how: "run a function as a more privileged role",
    },
    Escalation {
        actions: &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:CreateEventSourceMapping",
        ],
        how: "run a function as a more privileged role",
    },
    Escalation {
        actions: &["lambda:UpdateFunctionCode"],
        how: "replace the code of a function that has a more privileged role",
    },
    Escalation {
        actions: &["iam:PassRole", "glue:CreateDevEndpoint"],
        how: "open a Glue endpoint with a more privileged role",
    },
    Escalation {
        actions: &["glue:UpdateDevEndpoint"],
        how: "take over a Glue endpoint that has a more privileged role",
    },
    Escalation {
        actions: &["iam:PassRole", "cloudformation:CreateStack"],
        how: "deploy a stack as a more privileged role",
    },
    Escalation {
        actions: &[
            "iam:PassRole",
            "datapipeline:CreatePipeline",
            "datapipeline:PutPipelineDefinition",
        ],
        how: "run a pipeline as a more privileged role",
    },
    Escalation {
        actions: &["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
        how: "run a task with a more privileged task role",
    },
];
