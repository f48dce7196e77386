'use strict';
/**
 * Users, as the hub and the white-label API reference document them. Like the real answers,
 * these include the stored password and tokens where Plazbot's examples do (Get User By Email,
 * Update Password): the node must strip them, and the tests prove it does.
 */
const crypto = require('node:crypto');

const { requireText } = require('../contract');

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function register(router, { envelope, HttpFailure, state, issueSessionToken }) {
	const findByEmail = (email) => {
		const wanted = String(email).trim().toLowerCase();
		for (const user of state.users.values()) if (user.email.toLowerCase() === wanted) return user;
		return undefined;
	};
	const requireEmail = (body) => {
		requireText(body, 'email');
		if (!EMAIL_PATTERN.test(body.email))
			throw new HttpFailure(400, `Email inválido: ${body.email}`, 'VALIDATION_ERROR');
	};

	router.post('/api/user', ({ body }) => {
		for (const field of ['name', 'lastName', 'password', 'company']) requireText(body, field);
		requireEmail(body);
		if (
			body.isExternalCreation !== undefined &&
			body.isExternalCreation !== null &&
			typeof body.isExternalCreation !== 'boolean'
		) {
			throw new HttpFailure(
				400,
				'El campo isExternalCreation debe ser booleano',
				'VALIDATION_ERROR',
			);
		}
		if (body.defaultStartWeek !== undefined && ![0, 1].includes(body.defaultStartWeek)) {
			throw new HttpFailure(400, 'El campo defaultStartWeek debe ser 0 o 1', 'VALIDATION_ERROR');
		}
		if (findByEmail(body.email))
			throw new HttpFailure(409, 'El email ya está registrado', 'EMAIL_ALREADY_EXISTS');
		const user = {
			id: state.newId('u'),
			name: body.name,
			lastName: body.lastName,
			email: body.email,
			password: body.password,
			company: body.company,
			role: 'user',
			avatar: null,
			defaultStartWeek: body.defaultStartWeek ?? 0,
			isExternalCreation: body.isExternalCreation ?? true,
			creationDate: state.now(),
		};
		state.users.set(user.id, user);
		return envelope({ userId: user.id, email: user.email }, 'Usuario creado exitosamente');
	});

	router.get('/api/user/email', ({ query }) => {
		requireEmail(query);
		const user = findByEmail(query.email);
		if (!user) throw new HttpFailure(404, 'Usuario no encontrado', 'NOT_FOUND');
		return envelope({ ...user, tokens: tokensOf(user) }, 'Usuario obtenido');
	});

	router.post(
		'/api/user/login',
		({ body }) => {
			requireEmail(body);
			requireText(body, 'password');
			const user = findByEmail(body.email);
			if (!user || user.password !== body.password)
				throw new HttpFailure(401, 'Credenciales inválidas', 'INVALID_CREDENTIALS');
			const { id, name, lastName, email, avatar, role, creationDate, company } = user;
			return envelope(
				{
					token: issueSessionToken(),
					user: { id, name, lastName, email, avatar, role, creationDate, company },
				},
				'Login exitoso',
			);
		},
		{ public: true },
	);

	// The code goes "by email": the stand-in keeps it on the user as Plazbot's record does
	// (changePasswordData), where tests read it from the state.
	router.post('/api/user/sendEmailToResetPassword', ({ body }) => {
		requireEmail(body);
		requireText(body, 'company');
		const user = findByEmail(body.email);
		if (!user || user.company !== body.company)
			throw new HttpFailure(404, 'Usuario no encontrado', 'NOT_FOUND');
		const now = Date.now();
		user.changePasswordData = {
			id: String(crypto.randomInt(100000, 1000000)),
			creationDate: new Date(now).toISOString(),
			expirationDate: new Date(now + 60 * 60 * 1000).toISOString(),
		};
		return envelope(null, 'Reset email sent successfully');
	});

	router.post('/api/user/resetPassword', ({ body }) => {
		requireEmail(body);
		requireText(body, 'newPassword');
		requireText(body, 'verificationId');
		const user = findByEmail(body.email);
		if (!user) throw new HttpFailure(404, 'Usuario no encontrado', 'NOT_FOUND');
		const pending = user.changePasswordData;
		if (
			!pending ||
			pending.id !== body.verificationId ||
			Date.parse(pending.expirationDate) < Date.now()
		) {
			throw new HttpFailure(
				401,
				'Código de verificación inválido o expirado',
				'INVALID_VERIFICATION',
			);
		}
		user.password = body.newPassword;
		user.changePasswordData = { ...pending, usedDate: state.now() };
		return envelope(
			[
				{
					...user,
					userId: user.id,
					code: pending.id,
					googleToken: null,
					googleRefreshToken: null,
					tokens: tokensOf(user),
				},
			],
			'Password updated successfully',
		);
	});
}

function tokensOf(user) {
	return [
		{
			type: 'refresh',
			value: `rt-${user.id}`,
			permissions: ['all'],
			expiresAt: '2099-01-01T00:00:00.000Z',
		},
	];
}

module.exports = { register };
